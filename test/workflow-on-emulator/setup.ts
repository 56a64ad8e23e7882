import nock from 'nock';

import { startEmulator, type RunningEmulator } from '../../emulator';
import { TUTORIAL_AUDIENCE_IDS, TUTORIAL_NEW_AUDIENCE_ID } from '../../emulator/fixtures/ids';
import type { RunWorkflowResult } from '../harness';
import { runNode } from '../workflow-mocked/setup';
import {
	DEFAULT_CLIENT_ID,
	DEFAULT_CLIENT_SECRET,
	DEFAULT_IMS_ORG,
	STATIC_ACCESS_TOKEN,
} from '../../emulator/identity';

/** The tutorial flow's four seeded audiences, in order. */
export const [A0, A1, A2, A3] = TUTORIAL_AUDIENCE_IDS;

/** The tutorial's new audience as a user enters it: a one-time full export. */
export const NEW_AUDIENCE_ENTRY = {
	id: TUTORIAL_NEW_AUDIENCE_ID,
	name: 'Winter 2021/2022 campaign',
	exportMode: 'DAILY_FULL_EXPORT',
	frequency: 'ONCE',
	startDate: '2022-01-05',
	startTime: '16:00',
};

/** What both credential modes share: the development identity, pointed at this emulator. */
function emulatorIdentity(emulator: RunningEmulator, sandboxName: string) {
	return {
		clientId: DEFAULT_CLIENT_ID,
		imsOrgId: DEFAULT_IMS_ORG,
		sandboxName,
		platformHost: emulator.url,
		imsHost: emulator.url,
	};
}

export function tokenCredential(emulator: RunningEmulator, sandboxName = 'prod') {
	return {
		authMode: 'accessToken',
		accessToken: STATIC_ACCESS_TOKEN,
		...emulatorIdentity(emulator, sandboxName),
	};
}

export function oauthCredential(emulator: RunningEmulator, sandboxName = 'prod') {
	return {
		authMode: 'oAuthServerToServer',
		clientSecret: DEFAULT_CLIENT_SECRET,
		...emulatorIdentity(emulator, sandboxName),
	};
}

export interface EmulatorHolder {
	current: RunningEmulator;
	/** Runs the Flow Service Destination once against the emulator, with the token credential (prod). */
	run(parameters: Record<string, unknown>): Promise<RunWorkflowResult>;
}

/**
 * One emulator per test file, reset to its seed before every test. `slowWorkflows`: the tests run whole
 * workflows several times over HTTP; on a busy machine that outlasts jest's 5 s default.
 */
export function useEmulator(options: { slowWorkflows?: boolean } = {}): EmulatorHolder {
	if (options.slowWorkflows) jest.setTimeout(30_000);
	const holder = {
		run: (parameters) => runNode(parameters, { credential: tokenCredential(holder.current) }),
	} as EmulatorHolder;
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

/** The ids of the audiences the emulator now exports on a flow, in order. */
export function storedAudienceIds(emulator: RunningEmulator, flowId: string): string[] {
	return storedSelectors(emulator, flowId).map((s) => s.value.id);
}
