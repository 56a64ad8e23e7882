import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator';
import {
	DEFAULT_CLIENT_ID,
	DEFAULT_CLIENT_SECRET,
	DEFAULT_IMS_ORG,
	FLOW_SERVICE_BASE_PATH,
	SEGMENTATION_BASE_PATH,
	SANDBOX_PROD,
} from '../../emulator/identity';

export interface TestApi {
	emu: RunningEmulator;
	/** Plain client on the base URL; never throws on HTTP status. */
	http: AxiosInstance;
	token: string;
	/** Flow Service client with every header Adobe wants (prod sandbox). */
	fs: AxiosInstance;
	/** Headers that pass the gateway, for building variations. */
	headers(extra?: Record<string, string>): Record<string, string>;
	/** Mints a new token and uses it from now on. */
	refreshToken(): Promise<void>;
}

export async function getToken(
	http: AxiosInstance,
	clientId = DEFAULT_CLIENT_ID,
	clientSecret = DEFAULT_CLIENT_SECRET,
): Promise<AxiosResponse> {
	const form = new URLSearchParams({
		grant_type: 'client_credentials',
		client_id: clientId,
		client_secret: clientSecret,
		scope: 'openid,AdobeID',
	});
	return http.post('/ims/token/v3', form.toString(), {
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
	});
}

/** Starts an emulator with a token; fills `into` when given, so a holder made before the start sees it. */
export async function setup(options: EmulatorOptions = {}, into = {} as TestApi): Promise<TestApi> {
	const emu = await startEmulator({ port: 0, ...options });
	const http = axios.create({ baseURL: emu.url, validateStatus: () => true });
	const fs = axios.create({
		baseURL: `${emu.url}${FLOW_SERVICE_BASE_PATH}`,
		validateStatus: () => true,
	});
	const api: TestApi = Object.assign(into, {
		emu,
		http,
		fs,
		token: '',
		headers: (extra = {}) => ({
			authorization: `Bearer ${api.token}`,
			'x-api-key': DEFAULT_CLIENT_ID,
			'x-gw-ims-org-id': DEFAULT_IMS_ORG,
			'x-sandbox-name': SANDBOX_PROD,
			...extra,
		}),
		async refreshToken() {
			const r = await getToken(http);
			if (r.status !== 200) throw new Error(`token: ${r.status} ${JSON.stringify(r.data)}`);
			api.token = r.data.access_token as string;
			Object.assign(fs.defaults.headers.common, api.headers());
		},
	});
	await api.refreshToken();
	return api;
}

/** One emulator for the enclosing describe block, started before its tests and closed after them. */
export function useApi(options: EmulatorOptions = {}): TestApi {
	const api = {} as TestApi;
	beforeAll(async () => {
		await setup(options, api);
	});
	afterAll(() => api.emu.close());
	return api;
}

/** A client of the emulator's Segmentation Service, with the gateway headers and any status. */
export function segmentationClient(
	api: TestApi,
	headers: Record<string, string> = {},
): AxiosInstance {
	return axios.create({
		baseURL: `${api.emu.url}${SEGMENTATION_BASE_PATH}`,
		validateStatus: () => true,
		headers: api.headers(headers),
	});
}

/** GET a flow and return it with its etag. */
export async function getFlow(
	api: TestApi,
	id: string,
	config?: AxiosRequestConfig,
): Promise<Record<string, any>> {
	const r = await api.fs.get(`/flows/${id}`, config);
	if (r.status !== 200) throw new Error(`GET /flows/${id}: ${r.status} ${JSON.stringify(r.data)}`);
	return r.data.items[0];
}

export function patch(
	api: TestApi,
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
	// Strings go out byte for byte (axios would otherwise JSON-encode invalid JSON text).
	return api.fs.patch(`/flows/${id}`, typeof ops === 'string' ? ops : JSON.stringify(ops), {
		transformRequest: [(d: unknown) => d],
		...config,
		headers,
	});
}

/** Asserts Flow Service's error body shape and returns it. */
export function expectFlowError(r: AxiosResponse, code: string): Record<string, any> {
	const status = Number(code.split('-')[1]);
	expect(r.status).toBe(status);
	expect(r.data).toMatchObject({
		type: `https://ns.adobe.com/aep/errors/FLOW-${code}`,
		status,
		report: { 'request-id': r.headers['x-request-id'] },
	});
	expect(typeof r.data.title).toBe('string');
	expect(r.data.errorMessage).toBe(r.data.report['detailed-message']);
	expect(r.data.errorDetails).toBe(r.data.errorMessage);
	return r.data;
}

export const ETAG_FORMAT = /^"[0-9a-f]{8}-0000-0200-0000-[0-9a-f]{8}0000"$/;
