import {
	TUTORIAL_ATTRIBUTE_PATHS,
	TUTORIAL_AUDIENCE_IDS,
	TUTORIAL_FLOW_ID,
} from '../../emulator/fixtures/ids';
import { storedAudienceIds, tokenCredential, useEmulator } from '../workflow-on-emulator/setup';
import { byId, outputJson, runNode } from '../workflow-mocked/setup';
import { printFigure } from './report';

const emulator = useEmulator();
const WRITERS = 20;
const newAudience = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const audienceIds = () => storedAudienceIds(emulator.current, TUTORIAL_FLOW_ID);

function storedFlow() {
	return emulator.current.getFlow(TUTORIAL_FLOW_ID) as unknown as {
		name: string;
		transformations: Array<{
			params: {
				profileSelectors: {
					selectors: Array<{ value: { path: string } }>;
					mandatoryFields: string[];
				};
			};
		}>;
	};
}

function distribution(retries: number[]): string {
	const counts = new Map<number, number>();
	for (const r of retries) counts.set(r, (counts.get(r) ?? 0) + 1);
	return [...counts]
		.sort(([a], [b]) => a - b)
		.map(([r, n]) => `${r}:${n}`)
		.join(' ');
}

async function concurrently(operation: (n: number) => Record<string, unknown>) {
	const runs = await Promise.all(
		Array.from({ length: WRITERS }, (_, n) =>
			runNode(operation(n), { credential: tokenCredential(emulator.current) }),
		),
	);
	return runs.map((run) => ({
		status: run.status,
		error: run.error && `${run.error.message} ${run.error.description ?? ''}`,
		output: run.status === 'success' ? outputJson(run)[0] : undefined,
	}));
}

describe(`${WRITERS} concurrent writers on one flow (in-process n8n engine)`, () => {
	it('adds every audience exactly once, then removes them all, touching nothing else', async () => {
		const adds = await concurrently((n) => ({
			operation: 'addAudiences',
			flowId: byId(TUTORIAL_FLOW_ID),
			audiences: { audience: [{ id: newAudience(n) }] },
		}));
		const ids = audienceIds();
		const added = Array.from({ length: WRITERS }, (_, n) => newAudience(n));
		const lost = added.filter((id) => !ids.includes(id)).length;
		const duplicates = ids.length - new Set(ids).size;
		printFigure(
			`in-process adds: lost updates: ${lost} of ${WRITERS}, duplicates: ${duplicates}, conflict retries ${distribution(adds.map((a) => Number(a.output?.conflictRetries ?? -1)))}`,
		);

		expect(adds.map((a) => a.error ?? a.status)).toEqual(Array(WRITERS).fill('success'));
		expect(lost).toBe(0);
		expect(duplicates).toBe(0);

		const removes = await concurrently((n) => ({
			operation: 'removeAudiences',
			flowId: byId(TUTORIAL_FLOW_ID),
			audienceKeys: newAudience(n),
		}));
		printFigure(
			`in-process removes: left behind: ${audienceIds().filter((id) => added.includes(id)).length} of ${WRITERS}, conflict retries ${distribution(removes.map((r) => Number(r.output?.conflictRetries ?? -1)))}`,
		);

		expect(removes.map((r) => r.error ?? r.status)).toEqual(Array(WRITERS).fill('success'));
		expect(audienceIds()).toEqual([...TUTORIAL_AUDIENCE_IDS]);
	}, 120_000);

	it('mixed writers: renames, audience adds and attribute removals all land exactly once', async () => {
		const removable = TUTORIAL_ATTRIBUTE_PATHS.slice(1);
		const operations = [
			...Array.from({ length: 5 }, (_, n) => ({
				operation: 'updateInfo',
				flowId: byId(TUTORIAL_FLOW_ID),
				updateFields: { name: `Renamed ${n}` },
			})),
			...Array.from({ length: 11 }, (_, n) => ({
				operation: 'addAudiences',
				flowId: byId(TUTORIAL_FLOW_ID),
				audiences: { audience: [{ id: newAudience(100 + n) }] },
			})),
			...removable.map((path) => ({
				operation: 'removeProfileAttributes',
				flowId: byId(TUTORIAL_FLOW_ID),
				attributePaths: path,
			})),
		];
		const runs = await concurrently((n) => operations[n]);
		printFigure(
			`in-process mixed writers: ${runs.filter((r) => r.status === 'success').length} of ${runs.length} succeeded, conflict retries ${distribution(runs.map((r) => Number(r.output?.conflictRetries ?? -1)))}`,
		);

		expect(runs.map((r) => r.error ?? r.status)).toEqual(Array(WRITERS).fill('success'));
		const flow = storedFlow();
		const ids = audienceIds();
		expect(ids).toEqual([...TUTORIAL_AUDIENCE_IDS, ...ids.slice(TUTORIAL_AUDIENCE_IDS.length)]);
		expect([...ids.slice(TUTORIAL_AUDIENCE_IDS.length)].sort()).toEqual(
			Array.from({ length: 11 }, (_, n) => newAudience(100 + n)).sort(),
		);
		expect(
			flow.transformations[0].params.profileSelectors.selectors.map((s) => s.value.path),
		).toEqual([TUTORIAL_ATTRIBUTE_PATHS[0]]);
		expect(flow.transformations[0].params.profileSelectors.mandatoryFields).toEqual([
			TUTORIAL_ATTRIBUTE_PATHS[0],
		]);
		// The name is the one the last accepted rename wrote.
		const renames = emulator.current
			.requests()
			.filter(
				(r) =>
					r.method === 'PATCH' && r.status === 200 && JSON.stringify(r.body).includes('"/name"'),
			);
		expect(renames).toHaveLength(5);
		expect(flow.name).toBe((renames[renames.length - 1].body as Array<{ value: string }>)[0].value);
	}, 120_000);
});
