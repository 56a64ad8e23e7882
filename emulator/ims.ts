// POST /ims/token/v3: the OAuth server-to-server client-credentials grant.
import type { AuthService } from './auth';
import { imsError } from './errors';
import type { ApiResponse, RequestContext } from './types';

export function handleImsToken(ctx: RequestContext, auth: AuthService): ApiResponse {
	const contentType = String(ctx.headers['content-type'] ?? '');
	if (!contentType.toLowerCase().includes('application/x-www-form-urlencoded')) {
		return imsError(
			400,
			'invalid_request',
			'Content-Type must be application/x-www-form-urlencoded',
		);
	}
	const form = new URLSearchParams(ctx.body.toString('utf8'));
	const grantType = form.get('grant_type');
	if (!grantType) return imsError(400, 'invalid_request', 'missing grant_type parameter');
	if (grantType !== 'client_credentials')
		return imsError(400, 'unsupported_grant_type', `unsupported grant_type ${grantType}`);

	const clientId = form.get('client_id');
	if (!clientId) return imsError(400, 'invalid_request', 'missing client_id parameter');
	const client = auth.client(clientId);
	if (!client) return imsError(400, 'invalid_client', 'invalid client_id parameter');

	const secret = form.get('client_secret');
	if (!secret) return imsError(400, 'invalid_request', 'missing client_secret parameter');
	if (secret !== client.clientSecret)
		return imsError(401, 'invalid_client', 'invalid client_secret parameter');

	const { token, expiresIn } = auth.issue(clientId, ctx.receivedAt);
	return {
		status: 200,
		body: { access_token: token, token_type: 'bearer', expires_in: expiresIn },
	};
}
