// Destination rules Adobe documents for a flow document, checked on the result of
// every PATCH. The first problem found is reported with the path of the field.
import type { JsonObject } from './types';

export const MAX_AUDIENCES = 250;
export const MAX_ATTRIBUTES = 50;
export const MAX_FILENAME_LENGTH = 255;

const FREQUENCIES: Record<string, readonly string[]> = {
	DAILY_FULL_EXPORT: ['ONCE', 'DAILY'],
	FIRST_FULL_THEN_INCREMENTAL: [
		'DAILY',
		'EVERY_3_HOURS',
		'EVERY_6_HOURS',
		'EVERY_8_HOURS',
		'EVERY_12_HOURS',
	],
};
const TRIGGER_TYPES = ['SCHEDULED', 'AFTER_SEGMENT_EVAL'];
const BATCH_FIELDS = ['exportMode', 'schedule', 'filenameTemplate', 'fileNameTemplate'];

export interface ValidationIssue {
	field: string;
	message: string;
}

function isObject(v: unknown): v is JsonObject {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isText(v: unknown): v is string {
	return typeof v === 'string' && v.length > 0;
}

/** YYYY-MM-DD that names a real calendar day. */
export function isRealDate(v: unknown): boolean {
	if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
	const [y, m, d] = v.split('-').map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const isEmptyObject = (v: unknown) => isObject(v) && Object.keys(v).length === 0;

function issue(field: string, message: string): ValidationIssue {
	return { field, message: `${field}: ${message}` };
}

function checkBatchAudience(
	v: JsonObject,
	p: string,
	legacy: boolean,
): ValidationIssue | undefined {
	const mode = v.exportMode;
	if (typeof mode !== 'string' || !(mode in FREQUENCIES)) {
		return issue(
			`${p}.exportMode`,
			`must be one of ${Object.keys(FREQUENCIES).join(', ')} (got ${JSON.stringify(mode)})`,
		);
	}
	const schedule = v.schedule;
	if (!isObject(schedule)) return issue(`${p}.schedule`, 'is required for batch audiences');
	const s = `${p}.schedule`;
	const allowed = FREQUENCIES[mode];
	if (typeof schedule.frequency !== 'string' || !allowed.includes(schedule.frequency)) {
		return issue(
			`${s}.frequency`,
			`${JSON.stringify(schedule.frequency)} is not allowed with exportMode ${mode}; allowed: ${allowed.join(', ')}`,
		);
	}
	const trigger = schedule.triggerType;
	if (trigger !== undefined && (typeof trigger !== 'string' || !TRIGGER_TYPES.includes(trigger))) {
		return issue(
			`${s}.triggerType`,
			`must be one of ${TRIGGER_TYPES.join(', ')} (got ${JSON.stringify(trigger)})`,
		);
	}
	// Adobe's own responses show SCHEDULED on incremental exports; only AFTER_SEGMENT_EVAL is tied to full exports.
	if (trigger === 'AFTER_SEGMENT_EVAL' && mode !== 'DAILY_FULL_EXPORT') {
		return issue(
			`${s}.triggerType`,
			'AFTER_SEGMENT_EVAL applies only to exportMode DAILY_FULL_EXPORT',
		);
	}
	if (trigger === 'AFTER_SEGMENT_EVAL') {
		if (schedule.startTime !== undefined)
			return issue(`${s}.startTime`, 'is not applicable with triggerType AFTER_SEGMENT_EVAL');
	} else if (schedule.startTime === undefined) {
		return issue(`${s}.startTime`, 'is required for scheduled exports (HH:MM, UTC)');
	}
	if (schedule.startTime !== undefined) {
		const t = schedule.startTime;
		if (typeof t !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(t))
			return issue(`${s}.startTime`, `${JSON.stringify(t)} is not a 24-hour HH:MM time`);
		if (!t.endsWith(':00'))
			return issue(`${s}.startTime`, `${JSON.stringify(t)}: minutes must be 00`);
	}
	if (!isRealDate(schedule.startDate))
		return issue(
			`${s}.startDate`,
			`${JSON.stringify(schedule.startDate)} is not a date in YYYY-MM-DD format`,
		);
	if (schedule.endDate !== undefined) {
		if (mode === 'DAILY_FULL_EXPORT' && schedule.frequency === 'ONCE') {
			return issue(
				`${s}.endDate`,
				'is not applicable with exportMode DAILY_FULL_EXPORT and frequency ONCE',
			);
		}
		if (!isRealDate(schedule.endDate))
			return issue(
				`${s}.endDate`,
				`${JSON.stringify(schedule.endDate)} is not a date in YYYY-MM-DD format`,
			);
	}
	// The spec's schema says fileNameTemplate; every example says filenameTemplate. Accept either.
	const nameField = v.filenameTemplate !== undefined ? 'filenameTemplate' : 'fileNameTemplate';
	const template = v[nameField];
	if (!isText(template)) return issue(`${p}.filenameTemplate`, 'is required for batch audiences');
	if (template.length > MAX_FILENAME_LENGTH)
		return issue(
			`${p}.${nameField}`,
			`is ${template.length} characters long; at most ${MAX_FILENAME_LENGTH} are allowed`,
		);
	if (legacy) {
		for (const macro of ['%DESTINATION_NAME%', '%SEGMENT_ID%']) {
			if (!template.includes(macro)) return issue(`${p}.${nameField}`, `must contain ${macro}`);
		}
	}
	return undefined;
}

function checkPrimaryFields(value: unknown, p: string): ValidationIssue | undefined {
	if (value === undefined) return undefined;
	if (!Array.isArray(value)) return issue(p, 'must be an array');
	let identities = 0;
	let attributes = 0;
	for (let i = 0; i < value.length; i++) {
		const f = value[i];
		const fp = `${p}[${i}]`;
		if (!isObject(f)) return issue(fp, 'must be an object');
		if (f.fieldType === 'IDENTITY') {
			if (!isText(f.identityNamespace))
				return issue(`${fp}.identityNamespace`, 'is required for fieldType IDENTITY');
			identities++;
		} else if (f.fieldType === 'ATTRIBUTE') {
			if (!isText(f.attributePath))
				return issue(`${fp}.attributePath`, 'is required for fieldType ATTRIBUTE');
			attributes++;
		} else {
			return issue(
				`${fp}.fieldType`,
				`must be IDENTITY or ATTRIBUTE (got ${JSON.stringify(f.fieldType)})`,
			);
		}
	}
	if (identities && attributes)
		return issue(p, 'cannot mix IDENTITY and ATTRIBUTE deduplication keys');
	if (identities > 1) return issue(p, 'accepts one identity namespace at most');
	if (attributes > 2) return issue(p, 'accepts two attributes at most');
	return undefined;
}

function checkMandatoryFields(value: unknown, p: string): ValidationIssue | undefined {
	if (value === undefined) return undefined;
	if (!Array.isArray(value) || !value.every(isText))
		return issue(p, 'must be an array of field paths');
	return undefined;
}

function checkMapping(value: unknown, p: string): ValidationIssue | undefined {
	if (!isObject(value)) return issue(p, 'must be an object with mappingId and mappingVersion');
	if (!isText(value.mappingId)) return issue(`${p}.mappingId`, 'is required');
	if (!Number.isInteger(value.mappingVersion) || (value.mappingVersion as number) < 0)
		return issue(`${p}.mappingVersion`, 'must be a non-negative integer');
	return undefined;
}

function checkProfileSelectors(ps: unknown, p: string): ValidationIssue | undefined {
	if (!isObject(ps)) return issue(p, 'must be an object');
	const selectors = ps.selectors;
	if (selectors !== undefined) {
		if (!Array.isArray(selectors)) return issue(`${p}.selectors`, 'must be an array');
		if (selectors.length > MAX_ATTRIBUTES)
			return issue(
				`${p}.selectors`,
				`has ${selectors.length} attributes; at most ${MAX_ATTRIBUTES} are allowed`,
			);
		for (let i = 0; i < selectors.length; i++) {
			const sel = selectors[i];
			const sp = `${p}.selectors[${i}]`;
			if (!isObject(sel) || sel.type !== 'JSON_PATH')
				return issue(`${sp}.type`, 'must be JSON_PATH');
			if (!isObject(sel.value) || !isText(sel.value.path))
				return issue(`${sp}.value.path`, 'is required');
		}
	}
	return (
		checkMandatoryFields(ps.mandatoryFields, `${p}.mandatoryFields`) ??
		checkPrimaryFields(ps.primaryFields, `${p}.primaryFields`)
	);
}

/** The first rule the flow breaks, or undefined. */
export function validateFlow(flow: JsonObject): ValidationIssue | undefined {
	const transformations = flow.transformations;
	if (transformations === undefined) return undefined;
	if (!Array.isArray(transformations)) return issue('transformations', 'must be an array');
	const seen = new Map<string, string>();
	let audiences = 0;
	for (let t = 0; t < transformations.length; t++) {
		const tr = transformations[t];
		const tp = `transformations[${t}]`;
		if (!isObject(tr)) return issue(tp, 'must be an object');
		const params = tr.params;
		if (params === undefined) continue;
		if (!isObject(params)) return issue(`${tp}.params`, 'must be an object');
		const pp = `${tp}.params`;
		if (tr.name === 'Mapping') {
			const problem = checkMapping(params, pp);
			if (problem) return problem;
			continue;
		}
		const legacy = params.profileMapping === undefined;
		// `{}` is the placeholder Adobe's create examples send: the mapping comes with a later PATCH.
		if (!legacy && !isEmptyObject(params.profileMapping)) {
			const problem = checkMapping(params.profileMapping, `${pp}.profileMapping`);
			if (problem) return problem;
		}
		const problem =
			(params.profileSelectors !== undefined
				? checkProfileSelectors(params.profileSelectors, `${pp}.profileSelectors`)
				: undefined) ??
			checkMandatoryFields(params.mandatoryFields, `${pp}.mandatoryFields`) ??
			checkPrimaryFields(params.primaryFields, `${pp}.primaryFields`);
		if (problem) return problem;

		const ss = params.segmentSelectors;
		if (ss === undefined) continue;
		if (!isObject(ss)) return issue(`${pp}.segmentSelectors`, 'must be an object');
		const selectors = ss.selectors;
		if (selectors === undefined) continue;
		if (!Array.isArray(selectors))
			return issue(`${pp}.segmentSelectors.selectors`, 'must be an array');
		audiences += selectors.length;
		if (audiences > MAX_AUDIENCES)
			return issue(
				`${pp}.segmentSelectors.selectors`,
				`a dataflow holds at most ${MAX_AUDIENCES} audiences`,
			);
		for (let i = 0; i < selectors.length; i++) {
			const sel = selectors[i];
			const sp = `${pp}.segmentSelectors.selectors[${i}]`;
			if (!isObject(sel) || !isText(sel.type)) return issue(`${sp}.type`, 'is required');
			if (!isObject(sel.value)) return issue(`${sp}.value`, 'must be an object');
			const v = sel.value;
			if (!isText(v.id)) return issue(`${sp}.value.id`, 'is required');
			const earlier = seen.get(v.id);
			if (earlier)
				return issue(
					`${sp}.value.id`,
					`audience ${v.id} is already in this dataflow at ${earlier}`,
				);
			seen.set(v.id, sp);
			if (sel.type === 'PLATFORM_SEGMENT' && BATCH_FIELDS.some((f) => v[f] !== undefined)) {
				const batch = checkBatchAudience(v, `${sp}.value`, legacy);
				if (batch) return batch;
			}
		}
	}
	return undefined;
}
