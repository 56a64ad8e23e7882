import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';

export interface Listener {
	/** http://127.0.0.1:<port>/events */
	url: string;
	/** Every JSON body posted so far, in arrival order ({ unparsable } when not JSON). */
	events: Array<Record<string, any>>;
	close(): Promise<void>;
}

/** An HTTP listener on 127.0.0.1 that collects what a workflow's HTTP Request node posts. */
export async function startListener(): Promise<Listener> {
	const events: Array<Record<string, any>> = [];
	const server: Server = createServer((request, response) => {
		let body = '';
		request.setEncoding('utf8');
		request.on('data', (chunk: string) => (body += chunk));
		request.on('end', () => {
			try {
				events.push(JSON.parse(body) as Record<string, any>);
			} catch {
				events.push({ unparsable: body });
			}
			response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/events`,
		events,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
