import {
	NodeApiError,
	NodeOperationError,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type JsonObject,
} from 'n8n-workflow';

import { describeAdobeError } from './transport/adobeError';
import { fieldLabel } from './model/fieldLabel';
import { InputError } from './model/inputError';
import { INPUT_FIELD_PREFIX } from './rules/inputFields';
import { FlowServiceHttpError } from './transport';
import { ConnectionConflictError } from './update/editConnection';
import { UpdateConflictError, UpdateNotAppliedError } from './update/updateErrors';

/**
 * Turns whatever an operation threw into the n8n error a user should see for that item. Bad input
 * names the field as the editor labels it (`properties`: the parameters the item was read from)
 * and the item counted from 1; the parameter path and 0-based index stay in the description.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
	properties: INodeProperties[] = [],
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof InputError) {
		const label = fieldLabel(properties, error.field, INPUT_FIELD_PREFIX);
		return new NodeOperationError(node, `${label}: ${error.message} (item ${itemIndex + 1})`, {
			itemIndex,
			description: `${error.hint ?? 'Nothing was sent to Adobe.'} ${fieldPath(error.field)}, item index ${itemIndex}.`,
		});
	}
	if (error instanceof UpdateConflictError) {
		return apiError(node, error.lastError, itemIndex, {
			message: error.message,
			description: `Nothing was applied: another writer changed the dataflow between each read and write. Run the workflow again or raise "Max Conflict Retries".`,
		});
	}
	if (error instanceof ConnectionConflictError) {
		return apiError(node, error.lastError, itemIndex, {
			message: error.message,
			description: `Nothing was applied: another writer changed the ${error.what.toLowerCase()} between each read and write. Run the workflow again or raise "Max Conflict Retries".`,
		});
	}
	if (error instanceof UpdateNotAppliedError) {
		return apiError(node, error.lastError, itemIndex, {
			message: error.message,
			description: error.verified
				? 'Nothing was applied: a fresh read shows the dataflow without the change. Run the workflow again later or raise "Max Retries".'
				: 'The last write got no answer and the dataflow could not be read back: check it (Get) before running again.',
		});
	}
	if (error instanceof FlowServiceHttpError) return apiError(node, error, itemIndex);
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** The internal name: parameter path, the input item's field (Map Input Fields Automatically), or the item itself (Create › Dataflow From Input). */
function fieldPath(field: string): string {
	const prefix = `${INPUT_FIELD_PREFIX}.`;
	if (field === INPUT_FIELD_PREFIX) return 'The input item';
	return field.startsWith(prefix)
		? `Input field "${field.slice(prefix.length)}"`
		: `Parameter "${field}"`;
}

function apiError(
	node: INode,
	error: FlowServiceHttpError,
	itemIndex: number,
	override: { message?: string; description?: string } = {},
): NodeApiError {
	if (error.statusCode === undefined) {
		return new NodeApiError(node, { message: error.message } as JsonObject, {
			itemIndex,
			message: error.message,
		});
	}
	const details = describeAdobeError(error.statusCode, error.body, error.headers);
	const code = details.code ? ` [${details.code}]` : '';
	const description = [
		override.description,
		details.detail,
		details.requestId && `Adobe request ID: ${details.requestId}`,
	]
		.filter(Boolean)
		.join(' ');
	const body = (
		typeof error.body === 'object' && error.body !== null
			? error.body
			: { message: details.message }
	) as JsonObject;
	return new NodeApiError(node, body, {
		itemIndex,
		httpCode: String(error.statusCode),
		message: override.message ?? `${details.message}${code}`,
		description: description || undefined,
	});
}

/** The output item continue-on-fail gives a failed input item. */
export function errorItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	const httpCode = error instanceof NodeApiError ? (error.httpCode ?? undefined) : undefined;
	return {
		json: { error: error.message, description: error.description ?? undefined, httpCode },
		pairedItem: { item: itemIndex },
	};
}
