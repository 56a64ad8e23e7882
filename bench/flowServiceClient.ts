/** The plain-script contenders' Flow Service client: the emulator's token, five sockets, pages read whole. */
import axios, { type AxiosInstance } from 'axios';
import http from 'node:http';

import { staticTokenHeaders } from '../emulator/identity';

export const FS = '/data/foundation/flowservice';
/** Requests in flight at once, as the node's default Dataflows in Parallel. */
export const CONCURRENCY = 5;

export function flowService(emulatorUrl: string): AxiosInstance {
	return axios.create({
		baseURL: `${emulatorUrl}${FS}`,
		httpAgent: new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY }),
		headers: staticTokenHeaders(),
		maxRedirects: 0,
		proxy: false,
		paramsSerializer: { indexes: null },
	});
}

/** Every item of a listing with these `property` filters, following `_links.next`. */
export async function readAll<T = unknown>(
	client: AxiosInstance,
	path: string,
	property: string[],
): Promise<T[]> {
	const items: T[] = [];
	let answer = await client.get(path, { params: { property, limit: 100 } });
	for (;;) {
		items.push(...(answer.data.items ?? []));
		const next = answer.data._links?.next?.href;
		if (!next) return items;
		answer = await client.get(next);
	}
}
