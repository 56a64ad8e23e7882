import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

const DEFAULT_SCOPES =
	'openid,AdobeID,read_organizations,additional_info.projectedProductContext,session';
const oauthOnly = { show: { authMode: ['oAuthServerToServer'] } };

export class AdobeExperiencePlatformApi implements ICredentialType {
	name = 'adobeExperiencePlatformApi';

	displayName = 'Adobe Experience Platform API';

	icon = {
		light: 'file:adobeExperiencePlatform.svg',
		dark: 'file:adobeExperiencePlatform.dark.svg',
	} as const;

	documentationUrl =
		'https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authMode',
			type: 'options',
			default: 'oAuthServerToServer',
			options: [
				{
					name: 'OAuth Server-to-Server',
					value: 'oAuthServerToServer',
					description: 'n8n fetches and renews the access token itself',
				},
				{
					name: 'Access Token',
					value: 'accessToken',
					description: 'A token you paste; it expires after about 24 hours',
				},
			],
		},
		{
			displayName: 'Client ID (API Key)',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'From the Developer Console project; sent as x-api-key',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: oauthOnly,
		},
		{
			displayName: 'Scopes',
			name: 'scopes',
			type: 'string',
			default: DEFAULT_SCOPES,
			description: 'Comma-separated scopes of the OAuth Server-to-Server credential',
			displayOptions: oauthOnly,
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authMode: ['accessToken'] } },
		},
		{
			displayName: 'IMS Organization ID',
			name: 'imsOrgId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '0123456789ABCDEF01234567@AdobeOrg',
			description: 'Sent as x-gw-ims-org-id',
		},
		{
			displayName: 'Sandbox Name',
			name: 'sandboxName',
			type: 'string',
			default: 'prod',
			required: true,
			description: 'Sent as x-sandbox-name on every request',
		},
		{
			displayName: 'Platform Host',
			name: 'platformHost',
			type: 'string',
			default: 'https://platform.adobe.io',
			description: 'Advanced: change only to use a local Flow Service emulator',
		},
		{
			displayName: 'IMS Host',
			name: 'imsHost',
			type: 'string',
			default: 'https://ims-na1.adobelogin.com',
			description: 'Advanced: change only to use a local emulator of Adobe IMS',
			displayOptions: oauthOnly,
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session Token Issued For',
			name: 'sessionTokenFor',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	/** n8n calls this when the session token is empty or a request got 401, and stores the result. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (credentials.authMode === 'accessToken') return {};
		const imsHost = imsHostOf(credentials);
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: String(credentials.clientId ?? ''),
			client_secret: String(credentials.clientSecret ?? ''),
			scope: String(credentials.scopes || DEFAULT_SCOPES),
		});
		let response: { access_token?: string };
		try {
			response = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${imsHost}/ims/token/v3`,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: form.toString(),
				json: true,
			})) as { access_token?: string };
		} catch (error) {
			// The HTTP client's error carries the form body, secret included: report only IMS's answer.
			throw new Error(`Adobe IMS refused the token request: ${imsReason(error)}`);
		}
		if (typeof response?.access_token !== 'string' || response.access_token === '') {
			throw new Error('Adobe IMS answered without an access_token');
		}
		return { sessionToken: response.access_token, sessionTokenFor: tokenOwner(credentials) };
	}

	/**
	 * A property, not a method: n8n hands a community package's credential types to the editor as
	 * spread copies (LoadNodesAndCredentials.postProcessLoaders, 2.41.1 and 1.123.81), which keep
	 * own properties only, and the HTTP Request node offers as Predefined Credential Type only the
	 * types that have `authenticate` (`has:authenticate`).
	 */
	authenticate = authenticateRequest;

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.platformHost.replace(/\\/+$/, "")}}/data/foundation/flowservice',
			url: '/flows',
			qs: { property: 'inheritedAttributes.properties.isDestinationFlow==true', limit: 1 },
		},
	};
}

/**
 * The headers of every Platform request, the node's and the HTTP Request node's alike. A function
 * rather than header expressions: it runs for every request, and a bulk run sends hundreds, so
 * skipping four expression evaluations per request is worth it.
 */
async function authenticateRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const token =
		credentials.authMode === 'accessToken' ? credentials.accessToken : sessionTokenFor(credentials);
	requestOptions.headers = {
		...requestOptions.headers,
		Authorization: `Bearer ${String(token ?? '')}`,
		'x-api-key': String(credentials.clientId ?? ''),
		'x-gw-ims-org-id': String(credentials.imsOrgId ?? ''),
		'x-sandbox-name': String(credentials.sandboxName ?? ''),
	};
	return requestOptions;
}

/**
 * The stored session token, unless it was issued for other client settings (an edited client ID,
 * secret, scopes or IMS host): then a placeholder no gateway accepts, so Adobe answers 401 and n8n
 * fetches a token with the current settings. The old token would keep working under the old client
 * until it expires, or meet a 403 (API key and token of different clients) that n8n never
 * refreshes on.
 */
function sessionTokenFor(credentials: ICredentialDataDecryptedObject): unknown {
	return credentials.sessionTokenFor === tokenOwner(credentials)
		? credentials.sessionToken
		: STALE_TOKEN_PLACEHOLDER;
}

const STALE_TOKEN_PLACEHOLDER = 'token-issued-for-other-client-settings';

/** What a session token was issued for; the secret only as a hash, and the field is stored as a password. */
function tokenOwner(credentials: ICredentialDataDecryptedObject): string {
	return [
		credentials.clientId,
		imsHostOf(credentials),
		credentials.scopes || DEFAULT_SCOPES,
		fnv1a(String(credentials.clientSecret ?? '')),
	]
		.map(String)
		.join(' ');
}

function imsHostOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.imsHost || 'https://ims-na1.adobelogin.com').replace(/\/+$/, '');
}

/** 32-bit FNV-1a: enough to notice a changed secret, without keeping it a second time. */
function fnv1a(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++)
		hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
	return hash.toString(16);
}

function imsReason(error: unknown): string {
	const failure = error as {
		response?: { status?: number; data?: unknown };
		cause?: { response?: { status?: number; data?: unknown } };
		code?: string;
	};
	const response = failure.response ?? failure.cause?.response;
	if (!response) return failure.code ?? 'IMS could not be reached';
	const data = (response.data ?? {}) as { error?: string; error_description?: string };
	const detail = [data.error, data.error_description].filter(Boolean).join(': ');
	return `HTTP ${response.status}${detail ? ` ${detail}` : ''}`;
}
