import { TUTORIAL_FLOW_ID } from '../../emulator/fixtures/ids';
import { byId, runNode } from '../workflow-mocked/setup';
import { A1, calls, storedSelectors, tokenCredential, useEmulator } from './setup';

const emulator = useEmulator({ slowWorkflows: true });

/** Update Audience Export Settings on the tutorial flow, in node version `typeVersion`. */
function updateA1(entry: Record<string, unknown>, typeVersion: number) {
	return runNode(
		{
			operation: 'updateAudienceExportSettings',
			flowId: byId(TUTORIAL_FLOW_ID),
			audienceSettings: { audience: [{ id: A1, ...entry }] },
			options: { checkAudiencesExist: false },
		},
		{ credential: tokenCredential(emulator.current), node: { typeVersion } },
	);
}

const a1 = () => storedSelectors(emulator.current, TUTORIAL_FLOW_ID)[1].value;

describe('switching an audience to incremental exports, against the emulator', () => {
	beforeEach(() => {
		// The seed exports A1 as Full Files, daily.
		expect(a1().exportMode).toBe('DAILY_FULL_EXPORT');
		expect(a1().schedule?.frequency).toBe('DAILY');
	});

	it.each([
		[
			'version 2 stores the Incremental Files frequency chosen in its own list',
			2,
			'incrementalFrequency',
		],
		['version 1 stores the same from its one Frequency list', 1, 'frequency'],
	])('%s', async (_name, typeVersion, frequencyField) => {
		const result = await updateA1(
			{ exportMode: 'FIRST_FULL_THEN_INCREMENTAL', [frequencyField]: 'EVERY_12_HOURS' },
			typeVersion,
		);

		expect(result.status).toBe('success');
		expect(a1().exportMode).toBe('FIRST_FULL_THEN_INCREMENTAL');
		expect(a1().schedule?.frequency).toBe('EVERY_12_HOURS');
		expect(calls(emulator.current)).toEqual([
			`GET /flows/${TUTORIAL_FLOW_ID}`,
			`PATCH /flows/${TUTORIAL_FLOW_ID}`,
		]);
	});
});
