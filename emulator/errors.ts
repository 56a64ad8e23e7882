// Adobe answers in three body shapes: the API gateway's, Flow Service's and IMS's.
import type { ApiResponse } from './types';

export function gatewayError(status: number, errorCode: string, message: string): ApiResponse {
	return { status, body: { error_code: errorCode, message } };
}

export function imsError(status: number, error: string, description: string): ApiResponse {
	return { status, body: { error, error_description: description } };
}

export interface FlowErrorOptions {
	/** Catalogue code without the prefix, e.g. "1404-412". */
	code: string;
	title: string;
	message: string;
	requestId: string;
	/** The entity the error is about (Flow Service puts it in report.id). */
	resourceId?: string;
	resourceType?: string;
}

export function flowError(o: FlowErrorOptions): ApiResponse {
	const status = Number(o.code.split('-')[1]);
	const report: Record<string, string> = {
		'detailed-message': o.message,
		id: o.resourceId ?? o.requestId,
		'request-id': o.requestId,
	};
	if (o.resourceType) report.type = o.resourceType;
	return {
		status,
		body: {
			type: `https://ns.adobe.com/aep/errors/FLOW-${o.code}`,
			title: o.title,
			status,
			report,
			errorMessage: o.message,
			errorDetails: o.message,
		},
	};
}

/** Flow Service's catalogue entries the emulator uses (titles as published). */
export const FLOW_ERRORS = {
	providerError: { code: '1100-400', title: 'Invalid request' },
	notFoundRoute: { code: '1101-404', title: 'Resource not found' },
	internal: { code: '1102-500', title: 'Internal Error' },
	unavailable: { code: '1103-503', title: 'Service Unavailable' },
	gatewayTimeout: { code: '1104-504', title: 'Gateway Timeout' },
	limitWithCount: { code: '1401-400', title: 'Invalid request' },
	ifMatchMissing: { code: '1403-400', title: 'Header is missing' },
	versionMismatch: { code: '1404-412', title: 'Version not matching' },
	emptyBody: { code: '1405-400', title: 'Invalid request' },
	stateInCreate: { code: '1410-400', title: 'Invalid request' },
	invalidSpec: { code: '1413-400', title: 'Invalid request' },
	deleteOrUpdateState: { code: '1416-400', title: 'Invalid request' },
	stateCannotUpdate: { code: '1420-400', title: 'Invalid request' },
	stateCannotTransition: { code: '1421-400', title: 'Invalid request' },
	sortOrder: { code: '1432-400', title: 'Invalid request' },
	sortField: { code: '1433-400', title: 'Invalid request' },
	unsupportedOp: { code: '1434-400', title: 'Invalid request' },
	unsupportedAction: { code: '1435-400', title: 'Invalid request' },
	flowNotFound: { code: '1439-404', title: 'Resource not found' },
	activeFlows: { code: '1447-400', title: 'Invalid request' },
	operatorNotImplemented: { code: '1440-400', title: 'Invalid request' },
	multiValueOperator: { code: '1443-400', title: 'Invalid request' },
	operatorForField: { code: '1448-400', title: 'Invalid request' },
	invalidFilterField: { code: '1449-400', title: 'Invalid request' },
	invalidOperator: { code: '1450-400', title: 'Invalid request' },
	invalidParam: { code: '1451-400', title: 'Invalid request' },
	invalidFilterValue: { code: '1452-400', title: 'Invalid request' },
	emptyFilterValue: { code: '1453-400', title: 'Invalid request' },
	patchInvalid: { code: '1455-400', title: 'Invalid request' },
	sandboxMissing: { code: '2105-400', title: 'Header is missing' },
	/** The destinations OpenAPI document's 422 for a spec reference without a version; it gives no code. */
	specVersionMissing: { code: '1100-422', title: 'Unprocessable Entity' },
	sandboxNotFound: { code: '2100-404', title: 'Sandbox not found' },
} as const;

export type FlowErrorKind = keyof typeof FLOW_ERRORS;

/** Shorthand: a catalogue error for one request. */
export function fsError(
	kind: FlowErrorKind,
	requestId: string,
	message: string,
	resourceId?: string,
	resourceType?: string,
): ApiResponse {
	const e = FLOW_ERRORS[kind];
	return flowError({ code: e.code, title: e.title, message, requestId, resourceId, resourceType });
}

/** The catalogue's 1439 for any entity type (flows, runs, connections, connectionSpecs…). */
export function entityNotFound(requestId: string, type: string, id: string): ApiResponse {
	return fsError(
		'flowNotFound',
		requestId,
		`The requested ${type} resource ${id} is not found. Verify the resource ID before trying again.`,
		id,
		type,
	);
}

export function flowNotFound(requestId: string, id: string): ApiResponse {
	return entityNotFound(requestId, 'flows', id);
}

/** 1100-400, the catalogue's "Error from flow provider", for a request Flow Service refuses. */
export function invalidRequest(
	requestId: string,
	detail: string,
	type?: string,
	resourceId?: string,
): ApiResponse {
	return fsError(
		'providerError',
		requestId,
		`The request could not be processed. Error from flow provider: ${detail}`,
		resourceId,
		type,
	);
}

/** Platform's generic answer to a PATCH/POST/PUT without a JSON content type (troubleshooting guide). */
export function contentTypeError(): ApiResponse {
	return {
		status: 400,
		body: {
			type: '/placeholder/type/uri',
			status: 400,
			title: 'BadRequestError',
			detail: 'A valid content-type must be specified',
		},
	};
}
