import { SHARED_AUDIENCE_FLOW_IDS } from '../../emulator/fixtures/ids';
import type { RunningEmulator } from '../../emulator';
import { byId, runNode } from '../workflow-mocked/setup';
import { tokenCredential } from './setup';

/** The dataflows the seed has export SHARED_AUDIENCE_ID: the disabled one and bulk 1..12 but 10. */
export const SHARED_FLOW_IDS = SHARED_AUDIENCE_FLOW_IDS;

/** Runs one Audience operation (node version 2) against the emulator. */
export function runAudience(
	emulator: RunningEmulator,
	operation: string,
	audienceId: string,
	more: Record<string, unknown> = {},
	options: { continueOnFail?: boolean } = {},
) {
	return runNode(
		{ resource: 'audience', operation, audienceId: byId(audienceId), ...more },
		{
			credential: tokenCredential(emulator),
			node: {
				typeVersion: 2,
				...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
		},
	);
}

/** The query of a logged request, decoded. */
export function queryOf(path: string): { path: string; property: string[]; limit: string | null } {
	const url = new URL(path, 'http://emulator');
	return {
		path: url.pathname,
		property: url.searchParams.getAll('property'),
		limit: url.searchParams.get('limit'),
	};
}

/** The listing every operation of the resource starts with, as sent. */
export const audienceListing = (audienceId: string) => ({
	path: '/data/foundation/flowservice/flows',
	property: [
		'inheritedAttributes.properties.isDestinationFlow==true',
		`transformations[].params.segmentSelectors.selectors[].value.id==${audienceId}`,
	],
	limit: '100',
});

export interface SentPatch {
	flowId: string;
	ifMatch: string;
	body: unknown;
	status: number;
}

/** The PATCHes of dataflows the emulator received, in order. */
export function sentPatches(emulator: RunningEmulator): SentPatch[] {
	return emulator
		.requests()
		.filter((request) => request.method === 'PATCH')
		.map((request) => ({
			flowId: request.path.split('/').pop()!.split('?')[0],
			ifMatch: request.headers['if-match'],
			body: request.body,
			status: request.status,
		}));
}
