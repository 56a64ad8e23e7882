import type { FlowServiceHttpError } from '../transport';

/** Every attempt met 412 until the retry bound was spent. Nothing was applied. */
export class UpdateConflictError extends Error {
	constructor(
		readonly flowId: string,
		readonly attempts: number,
		readonly lastError: FlowServiceHttpError,
	) {
		super(`Dataflow ${flowId} changed while it was being updated: ${attempts} attempt(s) met 412 Precondition Failed`);
		this.name = 'UpdateConflictError';
	}
}
