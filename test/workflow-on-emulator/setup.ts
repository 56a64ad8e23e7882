import nock from 'nock';

import { startEmulator, type RunningEmulator } from '../../emulator';
import {
	DEFAULT_CLIENT_ID,
	DEFAULT_CLIENT_SECRET,
	DEFAULT_IMS_ORG,
	STATIC_ACCESS_TOKEN,
} from '../../emulator/identity';

export function tokenCredential(emulator: RunningEmulator, sandboxName = 'prod') {
	return {
		authMode: 'accessToken',
		clientId: DEFAULT_CLIENT_ID,
		accessToken: STATIC_ACCESS_TOKEN,
		imsOrgId: DEFAULT_IMS_ORG,
		sandboxName,
		platformHost: emulator.url,
		imsHost: emulator.url,
	};
}

export function oauthCredential(emulator: RunningEmulator, sandboxName = 'prod') {
	return {
		authMode: 'oAuthServerToServer',
		clientId: DEFAULT_CLIENT_ID,
		clientSecret: DEFAULT_CLIENT_SECRET,
		imsOrgId: DEFAULT_IMS_ORG,
		sandboxName,
		platformHost: emulator.url,
		imsHost: emulator.url,
	};
}

/** Each test runs whole workflows several times over HTTP; on a busy machine that outlasts jest's 5 s default. */
export function allowSlowWorkflows(): void {
	jest.setTimeout(30_000);
}

/** One emulator per test file, reset to its seed before every test. */
export function useEmulator(): { current: RunningEmulator } {
	const holder = {} as { current: RunningEmulator };
	beforeAll(async () => {
		// Other suites in this worker may have left nock's interceptor in place; real HTTP is wanted here.
		nock.restore();
		nock.enableNetConnect();
		holder.current = await startEmulator();
	});
	beforeEach(() => holder.current.reset());
	afterAll(async () => await holder.current.close());
	return holder;
}

/** "METHOD path" of the Flow Service calls the emulator logged, in order. */
export function calls(emulator: RunningEmulator): string[] {
	return emulator
		.requests()
		.map(
			(request) => `${request.method} ${request.path.replace('/data/foundation/flowservice', '')}`,
		);
}

export interface StoredSelector {
	type: string;
	value: {
		id: string;
		name?: string;
		exportMode?: string;
		filenameTemplate?: string;
		schedule?: Record<string, string>;
		createTime?: string;
		updateTime?: string;
	};
}

/** The audience selectors the emulator now stores on a flow (a copy). */
export function storedSelectors(emulator: RunningEmulator, flowId: string): StoredSelector[] {
	const flow = emulator.getFlow(flowId) as unknown as {
		transformations: Array<{ params: { segmentSelectors: { selectors: StoredSelector[] } } }>;
	};
	return flow.transformations[0].params.segmentSelectors.selectors;
}
