// Reading and PATCHing base, source and target connections over HTTP, for the connection tests.
import type { AxiosRequestConfig, AxiosResponse } from 'axios';
import type { TestApi } from './support';

export type Kind = 'connections' | 'sourceConnections' | 'targetConnections';

export async function read(api: TestApi, kind: Kind, id: string, sandbox?: string) {
	const r = await api.fs.get(
		`/${kind}/${id}`,
		sandbox ? { headers: { 'x-sandbox-name': sandbox } } : undefined,
	);
	if (r.status !== 200) throw new Error(`GET /${kind}/${id}: ${r.status}`);
	return r.data.items[0] as Record<string, any>;
}

export function patchConnection(
	api: TestApi,
	kind: Kind,
	id: string,
	etag: string | undefined,
	ops: unknown,
	config: AxiosRequestConfig = {},
): Promise<AxiosResponse> {
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		...(config.headers as Record<string, string>),
	};
	if (etag !== undefined) headers['if-match'] = etag;
	return api.fs.patch(`/${kind}/${id}`, typeof ops === 'string' ? ops : JSON.stringify(ops), {
		transformRequest: [(d: unknown) => d],
		...config,
		headers,
	});
}

/** PATCHes with the entity's current etag; returns the answer. */
export async function edit(api: TestApi, kind: Kind, id: string, ops: unknown, sandbox?: string) {
	const { etag } = await read(api, kind, id, sandbox);
	const headers = sandbox ? { 'x-sandbox-name': sandbox } : undefined;
	return patchConnection(api, kind, id, etag, ops, { headers });
}
