import type { FlowDocument } from '@node/model/types';
import { DEFAULT_FILENAME_TEMPLATE } from '@node/rules/audiences';
import type { AttributeEntry, AudienceEntry, Item } from './items';

/**
 * A small model of what each item means, written without patches or the planners' code: it
 * changes a plain copy of the flow directly, or says the item must fail. The planners' patches,
 * applied in order, must end in the same flow.
 */
type Json = Record<string, any>;

export const FAILS = Symbol('the item must fail');

/** The item must fail: nothing of it may reach the flow. */
const fail = (): never => {
	throw FAILS;
};

export function referenceApply(flow: FlowDocument, item: Item): FlowDocument | typeof FAILS {
	const next = structuredClone(flow) as Json;
	const general = next.transformations.find((t: Json) => t.name === 'GeneralTransform');
	try {
		APPLY[item.kind](next, general.params, item as never);
	} catch (error) {
		if (error === FAILS) return FAILS;
		throw error;
	}
	return next as FlowDocument;
}

type Apply<K extends Item['kind']> = (
	flow: Json,
	params: Json,
	item: Extract<Item, { kind: K }>,
) => void;

const lower = (id: unknown): string => (typeof id === 'string' ? id.toLowerCase() : '');

function audienceList(params: Json): Json[] {
	return params.segmentSelectors?.selectors ?? [];
}

function setAudienceList(params: Json, list: Json[]): void {
	params.segmentSelectors = { ...(params.segmentSelectors ?? {}), selectors: list };
}

/** The selector a new entry becomes. */
function newSelector(entry: AudienceEntry): Json {
	const value: Json = { id: entry.id.toLowerCase() };
	if (entry.name !== undefined) value.name = entry.name;
	if (entry.settings) Object.assign(value, batchValue(entry));
	return { type: 'PLATFORM_SEGMENT', value };
}

function batchValue(entry: AudienceEntry, currentTemplate?: string): Json {
	const { exportMode, ...schedule } = entry.settings!;
	return {
		exportMode,
		schedule,
		filenameTemplate: entry.filenameTemplate ?? currentTemplate ?? DEFAULT_FILENAME_TEMPLATE,
	};
}

function templateOf(value: Json): string | undefined {
	return value.filenameTemplate ?? value.fileNameTemplate;
}

const addAudiences: Apply<'addAudiences'> = (_flow, params, item) => {
	const list = audienceList(params);
	const added = item.entries.filter(
		(entry, i) =>
			!list.some((s) => lower(s.value?.id) === entry.id.toLowerCase()) &&
			!item.entries.slice(0, i).some((e) => e.id.toLowerCase() === entry.id.toLowerCase()),
	);
	if (added.length) setAudienceList(params, [...list, ...added.map(newSelector)]);
};

const removeAudiences: Apply<'removeAudiences'> = (_flow, params, item) => {
	const list = audienceList(params);
	const matches = (s: Json, key: string) =>
		item.matchBy === 'id' ? lower(s.value?.id) === key.toLowerCase() : s.value?.name === key;
	for (const key of item.keys) {
		const count = list.filter((s) => matches(s, key)).length;
		if (count === 0 && item.ifMissing === 'error') return fail();
		if (count > 1 && item.matchBy === 'name') return fail();
	}
	const kept = list.filter((s) => !item.keys.some((key) => matches(s, key)));
	if (kept.length !== list.length) setAudienceList(params, kept);
};

const syncAudiences: Apply<'syncAudiences'> = (_flow, params, item) => {
	const byId = new Map(item.entries.map((e) => [e.id.toLowerCase(), e]));
	const placed = new Set<string>();
	const result: Json[] = [];
	for (const selector of audienceList(params)) {
		const id = lower(selector.value?.id);
		const entry = byId.get(id);
		if (!entry || placed.has(id)) {
			if (!item.removeUnlisted) result.push(selector);
			continue;
		}
		placed.add(id);
		const value = { ...selector.value };
		if (entry.name !== undefined) value.name = entry.name;
		if (entry.settings) {
			Object.assign(value, batchValue(entry, templateOf(selector.value)));
			delete value.fileNameTemplate;
		}
		result.push({ ...selector, value });
	}
	const missing = item.entries.filter((e) => !placed.has(e.id.toLowerCase()));
	const changed = missing.length > 0 || result.length !== audienceList(params).length;
	if (changed) setAudienceList(params, [...result, ...missing.map(newSelector)]);
	else if (params.segmentSelectors?.selectors) params.segmentSelectors.selectors = result;
};

const updateSettings: Apply<'updateSettings'> = (_flow, params, item) => {
	const list = audienceList(params);
	for (const entry of item.entries) {
		const copies = list.filter((s) => lower(s.value?.id) === entry.id.toLowerCase());
		if (copies.length === 0 && item.ifMissing === 'error') return fail();
		for (const selector of copies) {
			const value = selector.value;
			const batch = value.exportMode !== undefined;
			if (!batch && (entry.filenameTemplate !== undefined || entry.startTime !== undefined))
				return fail();
			if (entry.startTime !== undefined && value.schedule?.triggerType === 'AFTER_SEGMENT_EVAL')
				return fail();
			if (entry.name !== undefined) value.name = entry.name;
			if (!batch) continue;
			value.filenameTemplate = entry.filenameTemplate ?? templateOf(value);
			delete value.fileNameTemplate;
			if (entry.startTime !== undefined) value.schedule.startTime = entry.startTime;
			if (entry.removeEndDate) delete value.schedule.endDate;
		}
	}
};

function profileBlockOf(params: Json): Json | undefined {
	if (params.profileSelectors === undefined && params.profileMapping !== undefined) fail();
	return params.profileSelectors;
}

const addAttributes: Apply<'addAttributes'> = (_flow, params, item) => {
	const found = profileBlockOf(params);
	const block: Json = found ?? {};
	const selectors: Json[] = [...(block.selectors ?? [])];
	const mandatory: string[] = [...(block.mandatoryFields ?? [])];
	const primary: Json[] = [...(block.primaryFields ?? [])];
	for (const entry of item.entries) {
		if (!selectors.some((s) => s.value?.path === entry.path)) selectors.push(newAttribute(entry));
		if (entry.mandatory && !mandatory.includes(entry.path)) mandatory.push(entry.path);
		if (!entry.deduplicationKey) continue;
		const key = entry.identityNamespace
			? { identityNamespace: entry.identityNamespace, fieldType: 'IDENTITY' }
			: { fieldType: 'ATTRIBUTE', attributePath: entry.path };
		const same = (f: Json) =>
			f.fieldType === key.fieldType &&
			(f.identityNamespace ?? f.attributePath) === (key.identityNamespace ?? key.attributePath);
		if (!primary.some(same)) primary.push(key);
	}
	const identities = primary.filter((f) => f.fieldType === 'IDENTITY').length;
	const attributes = primary.length - identities;
	if ((identities && attributes) || identities > 1 || attributes > 2) return fail();
	const next: Json = { ...block, selectors };
	if (mandatory.length || block.mandatoryFields) next.mandatoryFields = mandatory;
	if (primary.length || block.primaryFields) next.primaryFields = primary;
	params.profileSelectors = next;
};

function newAttribute(entry: AttributeEntry): Json {
	const value: Json = { path: entry.path, operator: 'EXISTS' };
	if (entry.identityNamespace) value.identity = { namespace: entry.identityNamespace };
	return { type: 'JSON_PATH', value };
}

const removeAttributes: Apply<'removeAttributes'> = (_flow, params, item) => {
	const found = profileBlockOf(params);
	const selectors: Json[] = found?.selectors ?? [];
	const exported = (path: string) => selectors.some((s) => s.value?.path === path);
	if (item.ifMissing === 'error' && item.paths.some((path) => !exported(path))) return fail();
	if (!found) return;
	const gone = (s: Json) => item.paths.includes(s.value?.path);
	const kept = selectors.filter((s) => !gone(s));
	const namespaceOf = (s: Json) => s.value?.identity?.namespace;
	const keptNamespaces = new Set(kept.map(namespaceOf));
	const goneNamespaces = new Set(selectors.filter(gone).map(namespaceOf));
	if (found.selectors) found.selectors = kept;
	if (found.mandatoryFields)
		found.mandatoryFields = found.mandatoryFields.filter((f: string) => !item.paths.includes(f));
	if (found.primaryFields)
		found.primaryFields = found.primaryFields.filter((f: Json) =>
			f.fieldType === 'ATTRIBUTE'
				? !item.paths.includes(f.attributePath)
				: !goneNamespaces.has(f.identityNamespace) || keptNamespaces.has(f.identityNamespace),
		);
};

const updateInfo: Apply<'updateInfo'> = (flow, _params, item) => {
	const schedule: Json = {};
	if (item.frequency !== undefined) schedule.frequency = item.frequency;
	if (item.interval !== undefined) schedule.interval = item.interval;
	if (Object.keys(schedule).length) {
		const current = flow.scheduleParams;
		if (current === undefined || current === null) flow.scheduleParams = schedule;
		else
			for (const [key, value] of Object.entries(schedule))
				current[key] = typeof current[key] === 'string' ? String(value) : value;
	}
	if (item.name !== undefined) flow.name = item.name;
	if (item.description !== undefined) flow.description = item.description;
};

const updateMapping: Apply<'updateMapping'> = (flow, params, item) => {
	const mapping = { mappingId: item.mappingId, mappingVersion: item.mappingVersion };
	const transformations: Json[] = flow.transformations;
	const index = transformations.findIndex((t) => t.name === 'Mapping');
	let where = item.location;
	if (where === 'auto') {
		if (index >= 0) where = 'transformation';
		else if (params.profileMapping !== undefined) where = 'profileMapping';
		else return fail();
	}
	if (where === 'profileMapping') {
		const same =
			params.profileMapping?.mappingId === mapping.mappingId &&
			Number(params.profileMapping?.mappingVersion) === mapping.mappingVersion;
		if (!same) params.profileMapping = mapping;
	} else if (index < 0) transformations.push({ name: 'Mapping', params: mapping });
	else {
		const current = transformations[index].params;
		const same =
			current?.mappingId === mapping.mappingId &&
			Number(current?.mappingVersion) === mapping.mappingVersion;
		if (!same) transformations[index] = { name: 'Mapping', params: mapping };
	}
};

const APPLY: { [K in Item['kind']]: Apply<K> } = {
	addAudiences,
	removeAudiences,
	syncAudiences,
	updateSettings,
	addAttributes,
	removeAttributes,
	updateInfo,
	updateMapping,
};

/**
 * The flow as a comparison sees it: one spelling of the file name template, and a SCHEDULED
 * trigger type counted as absent (Adobe assumes it when none is stored, and so do the planners).
 */
export function normalized(flow: FlowDocument): FlowDocument {
	const copy = structuredClone(flow) as Json;
	const general = copy.transformations.find((t: Json) => t.name === 'GeneralTransform');
	for (const selector of general?.params?.segmentSelectors?.selectors ?? []) {
		const value = selector.value;
		const template = templateOf(value);
		delete value.fileNameTemplate;
		if (template !== undefined) value.filenameTemplate = template;
		if (value.schedule?.triggerType === 'SCHEDULED') delete value.schedule.triggerType;
	}
	return copy as FlowDocument;
}
