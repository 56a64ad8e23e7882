import { DATASET_FLOW_IDS } from '../../emulator/fixtures/ids';
import { FLOW_SERVICE_BASE_PATH } from '../../emulator/identity';
import { outputJson, runNode } from '../workflow-mocked/setup';
import { DATASET_CREATE } from '../workflow-on-emulator/datasetCreateFields';
import { tokenCredential, useEmulator } from '../workflow-on-emulator/setup';
import { RETRIES, createMatrix, createSteps } from './createMatrix';

/**
 * The fault matrix of Dataset Export › Create (createMatrix.ts): its three POSTs, the read and the
 * state action each meet every fault; and a 412 on the dataset export taken over with Use It.
 */
const emulator = useEmulator({ slowWorkflows: true });
const NAME = 'Fault matrix dataset export';
const FS = FLOW_SERVICE_BASE_PATH;

const create = (extra: Record<string, unknown> = {}) =>
	runNode(
		{ ...DATASET_CREATE, dataflowName: NAME, options: RETRIES, ...extra },
		{ credential: tokenCredential(emulator.current) },
	);

const matrix = createMatrix(emulator, NAME, create, 'dataset create faults');

describe('dataset create faults: never two dataflows from one item, never orphan connections', () => {
	matrix.eachFault(createSteps(false));

	it('412 on the dataset export taken over with Use It: re-read, re-planned, applied once', async () => {
		const taken = emulator.current.getFlow(DATASET_FLOW_IDS.everySixHours)!.name as string;
		emulator.current.injectFault({
			type: 'concurrentWrite',
			method: 'PATCH',
			path: `${FS}/flows/*`,
			count: 1,
		});

		const result = await create({ dataflowName: taken, ifExists: 'useIt' });

		expect(result.status).toBe('success');
		const [output] = outputJson(result);
		expect(output).toMatchObject({
			created: false,
			datasetChange: { conflictRetries: 1 },
			scheduleChange: { conflictRetries: 0 },
		});
		const stored = emulator.current.getFlow(DATASET_FLOW_IDS.everySixHours)!;
		expect(stored.scheduleParams).toMatchObject({ timeUnit: 'hour', interval: 3 });
	});
});
