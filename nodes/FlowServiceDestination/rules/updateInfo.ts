import { inputError } from '../model/inputError';
import { requireString, requireWholeNumber } from './scalars';

export interface UpdateInfoInput {
	name?: string;
	description?: string;
	/** Keys of `scheduleParams` to set; absent keys are left alone. */
	schedule?: Record<string, string | number>;
}

const SCHEDULE_FIELDS = [
	['scheduleFrequency', 'frequency'],
	['scheduleInterval', 'interval'],
	['scheduleTimeUnit', 'timeUnit'],
	['scheduleStartTime', 'startTime'],
	['scheduleEndTime', 'endTime'],
] as const;

/** Pure: the collection as n8n hands it over, checked and mapped onto the flow's fields. */
export function parseUpdateFields(fields: Record<string, unknown>): UpdateInfoInput {
	const input: UpdateInfoInput = {};
	if (fields.name !== undefined)
		input.name = requireString(fields.name, 'updateFields.name', 'Name');
	if (fields.description !== undefined) {
		if (typeof fields.description !== 'string')
			inputError('updateFields.description', 'Description must be text');
		input.description = fields.description;
	}
	const schedule: Record<string, string | number> = {};
	for (const [param, key] of SCHEDULE_FIELDS) {
		const value = fields[param];
		if (value === undefined || value === '') continue;
		const field = `updateFields.${param}`;
		if (key === 'interval')
			schedule[key] = requireWholeNumber(value, field, 'Schedule interval', {
				min: 0,
				digits: true,
			});
		else if (key === 'startTime' || key === 'endTime') schedule[key] = epochSeconds(value, field);
		else schedule[key] = requireString(value, field, param);
	}
	if (Object.keys(schedule).length > 0) input.schedule = schedule;
	if (input.name === undefined && input.description === undefined && input.schedule === undefined) {
		inputError(
			'updateFields',
			'Add at least one field to update (name, description or a schedule field)',
		);
	}
	return input;
}

/** Adobe's scheduleParams hold epoch seconds; the editor hands over ISO date-times. */
function epochSeconds(value: unknown, field: string): number {
	if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
	if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
	const millis = typeof value === 'string' ? Date.parse(value) : NaN;
	if (Number.isNaN(millis))
		inputError(field, `${JSON.stringify(value)} is not a date-time or epoch seconds`);
	return Math.floor(millis / 1000);
}
