// The development identity the emulator accepts out of the box. These values are
// not secrets: they only open the local emulator.

export const DEFAULT_CLIENT_ID = 'emulator-client-id';
export const DEFAULT_CLIENT_SECRET = 'emulator-client-secret';
export const DEFAULT_IMS_ORG = 'EMULATOR0000000000000000@AdobeOrg';

/** Accepted as a bearer token forever (pasted-token mode); tied to DEFAULT_CLIENT_ID. */
export const STATIC_ACCESS_TOKEN = 'emulator-static-token';

/** The scope set Adobe's docs suggest for AEP server-to-server credentials. */
export const DEFAULT_SCOPES =
	'openid,AdobeID,read_organizations,additional_info.projectedProductContext,session';

/** IMS answers about 24 h for server-to-server tokens. */
export const DEFAULT_TOKEN_TTL_SECONDS = 86399;

export const SANDBOX_PROD = 'prod';
export const SANDBOX_DEV = 'dev';

/** The sandboxes' ids, as Flow Service entities carry them in `sandboxId`. */
export const SANDBOX_IDS: Record<string, string> = {
	[SANDBOX_PROD]: 'd9df072c-2d5c-4247-9f07-2c2d5cd247b6',
	[SANDBOX_DEV]: '5b0f7a1e-3c2d-4e6f-9a8b-7c6d5e4f3a2b',
};

export const FLOW_SERVICE_BASE_PATH = '/data/foundation/flowservice';
/** Segmentation Service (audiences), on the same host and gateway as the Flow Service. */
export const SEGMENTATION_BASE_PATH = '/data/core/ups';
export const IMS_TOKEN_PATH = '/ims/token/v3';

/** The gateway headers of a request made with the static token, as another tool would send it. */
export function staticTokenHeaders(sandbox = SANDBOX_PROD): Record<string, string> {
	return {
		authorization: `Bearer ${STATIC_ACCESS_TOKEN}`,
		'x-api-key': DEFAULT_CLIENT_ID,
		'x-gw-ims-org-id': DEFAULT_IMS_ORG,
		'x-sandbox-name': sandbox,
	};
}
