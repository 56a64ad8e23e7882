/** Adobe answers errors in three shapes (gateway, Flow Service, IMS); this reads any of them. */
export interface AdobeErrorDetails {
	code?: string;
	message: string;
	detail?: string;
	requestId?: string;
}

export function describeAdobeError(
	statusCode: number | undefined,
	body: unknown,
	headers: Record<string, unknown> = {},
): AdobeErrorDetails {
	const headerRequestId =
		typeof headers['x-request-id'] === 'string' ? headers['x-request-id'] : undefined;
	const fallback = `The Flow Service answered HTTP ${statusCode ?? 'error'}`;
	if (typeof body === 'string' && body.trim() !== '')
		return { message: body.trim(), requestId: headerRequestId };
	if (typeof body !== 'object' || body === null)
		return { message: fallback, requestId: headerRequestId };
	const data = body as Record<string, unknown>;
	const report = (data.report ?? {}) as Record<string, unknown>;
	const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
	if (data.error_code !== undefined) {
		return {
			code: String(data.error_code),
			message: text(data.message) ?? fallback,
			requestId: headerRequestId,
		};
	}
	if (text(data.error)) {
		return {
			code: text(data.error),
			message: text(data.error_description) ?? text(data.error)!,
			requestId: headerRequestId,
		};
	}
	const type = text(data.type);
	return {
		code: type ? type.slice(type.lastIndexOf('/') + 1) : undefined,
		message: text(data.title) ?? text(data.errorMessage) ?? text(data.message) ?? fallback,
		detail: text(report['detailed-message']) ?? text(data.errorDetails) ?? text(data.errorMessage),
		requestId: text(report['request-id']) ?? headerRequestId,
	};
}
