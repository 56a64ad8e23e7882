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

	it('version 2 stores the Incremental Files frequency chosen in its own list', async () => {
		const result = await updateA1(
			{ exportMode: 'FIRST_FULL_THEN_INCREMENTAL', incrementalFrequency: 'EVERY_12_HOURS' },
			2,
		);

		expect(result.status).toBe('success');
		expect(a1().exportMode).toBe('FIRST_FULL_THEN_INCREMENTAL');
		expect(a1().schedule?.frequency).toBe('EVERY_12_HOURS');
		expect(calls(emulator.current)).toEqual([
			`GET /flows/${TUTORIAL_FLOW_ID}`,
			`PATCH /flows/${TUTORIAL_FLOW_ID}`,
		]);
	});

	it('version 1 stores the same from its one Frequency list', async () => {
		const result = await updateA1(
			{ exportMode: 'FIRST_FULL_THEN_INCREMENTAL', frequency: 'EVERY_12_HOURS' },
			1,
		);

		expect(result.status).toBe('success');
		expect(a1().exportMode).toBe('FIRST_FULL_THEN_INCREMENTAL');
		expect(a1().schedule?.frequency).toBe('EVERY_12_HOURS');
	});
});
