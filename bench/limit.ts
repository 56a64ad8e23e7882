/**
 * Contender 3, the floor: a plain script sending only the minimal requests, one GET and one PATCH
 * per flow per pass, at the node's default concurrency (5 flows at a time).
 */
import axios from 'axios';
import http from 'node:http';

import { staticTokenHeaders } from '../emulator/identity';
import { exportSettings, FLOWS, workItems, type Pass, type Size } from './workload';

const CONCURRENCY = 5;
const SELECTORS = '/transformations/0/params/segmentSelectors/selectors';

export async function runLimit(
	emulatorUrl: string,
	pass: Pass,
	size: Size = FLOWS,
): Promise<number> {
	const client = axios.create({
		baseURL: `${emulatorUrl}/data/foundation/flowservice`,
		httpAgent: new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY }),
		headers: staticTokenHeaders(),
		maxRedirects: 0,
		proxy: false,
	});
	const byFlow = new Map<string, string[]>();
	for (const { flowId, audienceId } of workItems(size))
		byFlow.set(flowId, [...(byFlow.get(flowId) ?? []), audienceId]);
	const flows = [...byFlow];
	const started = performance.now();
	let next = 0;
	const worker = async () => {
		while (next < flows.length) {
			const [flowId, audiences] = flows[next++];
			const { data } = await client.get(`/flows/${flowId}`);
			const flow = data.items[0];
			const current: Array<{ value: { id: string } }> =
				flow.transformations[0].params.segmentSelectors.selectors;
			const ops =
				pass === 'add'
					? audiences.map((id) => ({
							op: 'add',
							path: `${SELECTORS}/-`,
							value: {
								type: 'PLATFORM_SEGMENT',
								value: {
									id,
									filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%',
									exportMode: exportSettings.exportMode,
									schedule: {
										frequency: exportSettings.frequency,
										startDate: exportSettings.startDate,
										startTime: exportSettings.startTime,
									},
								},
							},
						}))
					: current
							.map((s, index) => ({ index, id: s.value.id }))
							.filter((s) => audiences.includes(s.id))
							.sort((a, b) => b.index - a.index)
							.map((s) => ({ op: 'remove', path: `${SELECTORS}/${s.index}`, value: {} }));
			await client.patch(`/flows/${flowId}`, ops, { headers: { 'If-Match': flow.etag } });
		}
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	return performance.now() - started;
}
