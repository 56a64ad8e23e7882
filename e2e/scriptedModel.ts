/**
 * A scripted OpenAI-compatible chat model on 127.0.0.1: `POST /v1/chat/completions` (non-streaming)
 * answers with the next step of a script, each step seeing the request it answers (the tools n8n
 * offered, the messages so far). Every request is kept for the test to read.
 */
import { createServer, type IncomingMessage, type Server } from 'http';
import type { AddressInfo } from 'net';

export interface ChatRequest {
	model?: string;
	messages: Array<{
		role: string;
		content?: unknown;
		tool_calls?: ToolCall[];
		tool_call_id?: string;
	}>;
	tools?: Array<{
		type: string;
		function: { name: string; description?: string; parameters?: Record<string, any> };
	}>;
	stream?: boolean;
}

export interface ToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}

/** One answer: tool calls, or a final text. */
export type Step = (
	request: ChatRequest,
) => { toolCalls: Array<{ name: string; args: object }> } | { text: string };

export interface ScriptedModel {
	/** Base URL for the OpenAI credential, e.g. http://127.0.0.1:1234/v1 */
	url: string;
	requests: ChatRequest[];
	/** Paths asked for that the script does not serve. */
	unexpected: string[];
	close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function completion(step: ReturnType<Step>, n: number) {
	const message =
		'text' in step
			? { role: 'assistant', content: step.text }
			: {
					role: 'assistant',
					content: null,
					tool_calls: step.toolCalls.map((call, index) => ({
						id: `call_${n}_${index}`,
						type: 'function',
						function: { name: call.name, arguments: JSON.stringify(call.args) },
					})),
				};
	return {
		id: `chatcmpl-scripted-${n}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: 'gpt-4o-mini',
		choices: [{ index: 0, message, finish_reason: 'text' in step ? 'stop' : 'tool_calls' }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

export async function startScriptedModel(script: Step[]): Promise<ScriptedModel> {
	const requests: ChatRequest[] = [];
	const unexpected: string[] = [];
	const server: Server = createServer((req, res) => {
		void (async () => {
			const body = await readBody(req);
			const path = (req.url ?? '').split('?')[0];
			if (req.method !== 'POST' || path !== '/v1/chat/completions') {
				unexpected.push(`${req.method} ${req.url}`);
				res.writeHead(404, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: { message: 'not scripted' } }));
				return;
			}
			const request = JSON.parse(body) as ChatRequest;
			requests.push(request);
			const step = script[requests.length - 1];
			if (!step) {
				res.writeHead(500, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: { message: `script has no step ${requests.length}` } }));
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(completion(step(request), requests.length)));
		})();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		unexpected,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
