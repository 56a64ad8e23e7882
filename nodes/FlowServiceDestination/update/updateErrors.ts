import type { FlowServiceHttpError } from '../transport';

/** Every attempt met 412 until the retry bound was spent. Nothing was applied. */
export class UpdateConflictError extends Error {
	constructor(
		readonly flowId: string,
		readonly attempts: number,
		readonly lastError: FlowServiceHttpError,
	) {
		super(
			`Dataflow ${flowId} changed while it was being updated: ${attempts} attempt(s) met 412 Precondition Failed`,
		);
		this.name = 'UpdateConflictError';
	}
}

/**
 * Transient failures outlasted the retries. `verified` says what a final read showed: true, the
 * flow is verifiably unchanged; false, even that read failed (or could not tell), so its state is
 * unknown.
 */
export class UpdateNotAppliedError extends Error {
	constructor(
		readonly flowId: string,
		readonly attempts: number,
		readonly lastError: FlowServiceHttpError,
		readonly verified: boolean,
	) {
		super(
			verified
				? `Dataflow ${flowId} was not changed: ${attempts} attempt(s) failed, the last with ${lastError.message}`
				: `Dataflow ${flowId} may or may not have changed: ${attempts} attempt(s) failed, the last with ${lastError.message}, and it could not be read back`,
		);
		this.name = 'UpdateNotAppliedError';
	}
}
