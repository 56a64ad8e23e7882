import { createServer } from 'net';

/**
 * Free TCP ports on 127.0.0.1, all held open together while they are picked so that one call
 * never returns the same port twice. Another process can still take a port before n8n binds it;
 * callers retry on EADDRINUSE if that matters.
 */
export async function freePorts(count: number): Promise<number[]> {
	const servers = await Promise.all(
		Array.from(
			{ length: count },
			() =>
				new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
					const server = createServer();
					server.unref();
					server.once('error', reject);
					server.listen(0, '127.0.0.1', () => resolve(server));
				}),
		),
	);
	const ports = servers.map((s) => {
		const address = s.address();
		if (!address || typeof address === 'string') throw new Error('unexpected server address');
		return address.port;
	});
	await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
	return ports;
}
