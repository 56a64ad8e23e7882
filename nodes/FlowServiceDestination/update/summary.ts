import type { IDataObject } from 'n8n-workflow';

import { findGeneralTransform, segmentSelectors } from '../model/flowDocument';
import type { FlowDocument, PatchOperation, SkippedChange } from '../model/types';
import type { PastStartDate } from './startDates';

/** One thing an update touched, as a person names it. */
export interface Touched {
	id: string;
	name: string;
}

export interface SkippedTouched extends Touched {
	reason: string;
	/** The planner's own wording ("audience <id>"), as outputs before this shape had it. */
	target: string;
}

/** Audience names by lower-case ID, from the flow an update was planned on. */
export type AudienceNames = Record<string, string>;

type Kind = 'audience' | 'profile attribute' | 'mapping' | 'value';

interface Change extends Touched {
	kind: Kind;
}

interface Lists {
	added: Change[];
	removed: Change[];
	updated: Change[];
}

export function audienceNamesOf(flow: FlowDocument | undefined): AudienceNames {
	const names: AudienceNames = {};
	const transform = flow && findGeneralTransform(flow);
	for (const selector of (transform && segmentSelectors(transform)) ?? []) {
		const { id, name } = selector?.value ?? {};
		if (typeof id === 'string' && typeof name === 'string' && name !== '') {
			names[id.toLowerCase()] = name;
		}
	}
	return names;
}

const asRecord = (value: unknown): Record<string, unknown> =>
	typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

function audience(selector: unknown, names: AudienceNames): Change | undefined {
	const value = asRecord(asRecord(selector).value);
	if (typeof value.id !== 'string') return undefined;
	const name =
		typeof value.name === 'string' && value.name !== ''
			? value.name
			: (names[value.id.toLowerCase()] ?? value.id);
	return { kind: 'audience', id: value.id, name };
}

function attribute(selector: unknown): Change | undefined {
	const path = asRecord(asRecord(selector).value).path;
	return typeof path === 'string' ? { kind: 'profile attribute', id: path, name: path } : undefined;
}

/** An add carries one entry ("-"), a list of them, or a new container with its list. */
function entriesOf(value: unknown, container: string): unknown[] {
	if (Array.isArray(value)) return value;
	const inner = asRecord(value)[container];
	return Array.isArray(inner) ? inner : [value];
}

/** What one operation did, in words; the bookkeeping of attributes (mandatory, keys) is not counted. */
function changesOf(operation: PatchOperation, names: AudienceNames): Change[] {
	const { path, value } = operation;
	if (path.includes('/segmentSelectors')) {
		const entries = operation.op === 'add' ? entriesOf(value, 'selectors') : [value];
		return entries.map((entry) => audience(entry, names)).filter((c): c is Change => !!c);
	}
	if (path.includes('/profileSelectors')) {
		if (/\/profileSelectors\/(mandatoryFields|primaryFields)/.test(path)) return [];
		const entries = operation.op === 'add' ? entriesOf(value, 'selectors') : [value];
		return entries.map(attribute).filter((c): c is Change => !!c);
	}
	if (/^\/transformations\/(\d+|-)$/.test(path)) {
		const mapping = asRecord(asRecord(value).params).mappingId;
		const id = typeof mapping === 'string' ? mapping : path;
		return [{ kind: 'mapping', id, name: id }];
	}
	return [{ kind: 'value', id: path, name: path.replace(/^\//, '') }];
}

function listsOf(operations: PatchOperation[], names: AudienceNames): Lists {
	const lists: Lists = { added: [], removed: [], updated: [] };
	const list = { add: lists.added, remove: lists.removed, replace: lists.updated } as const;
	for (const operation of operations) {
		const target = list[operation.op];
		if (!target) continue;
		for (const change of changesOf(operation, names)) {
			if (!target.some((seen) => seen.kind === change.kind && seen.id === change.id))
				target.push(change);
		}
	}
	return lists;
}

function skippedOf(skipped: SkippedChange[], names: AudienceNames): SkippedTouched[] {
	return skipped.map(({ target, reason }) => {
		const match = /^(audience|attribute|mapping) (.+)$/.exec(target);
		const id = match ? match[2] : target;
		const name = match?.[1] === 'audience' ? (names[id.toLowerCase()] ?? id) : id;
		return { id, name, reason, target };
	});
}

const PLURAL: Record<Kind, string> = {
	audience: 'audiences',
	'profile attribute': 'profile attributes',
	mapping: 'mappings',
	value: 'values',
};
const MAX_NAMES = 5;

function listed(names: string[]): string {
	const more = names.length > MAX_NAMES ? ` and ${names.length - MAX_NAMES} more` : '';
	return `${names.slice(0, MAX_NAMES).join(', ')}${more}`;
}

function counted(kind: Kind, changes: Touched[]): string {
	const names = listed(changes.map((change) => change.name));
	return `${changes.length} ${changes.length === 1 ? kind : PLURAL[kind]} (${names})`;
}

const startOf = ({ audienceId, name, date }: PastStartDate): string =>
	`${audienceId === undefined ? 'schedule' : (name ?? audienceId)}: ${date}`;

/** "warning: 1 start date is before today in UTC (A: 2025-01-15)". */
export function pastStartClause(past: PastStartDate[]): string {
	const count = past.length === 1 ? '1 start date is' : `${past.length} start dates are`;
	return `warning: ${count} before today in UTC (${listed(past.map(startOf))})`;
}

/** One sentence per start date before today: an update's `warnings`. */
export function startDateWarnings(past: PastStartDate[]): string[] {
	return past.map(({ audienceId, name, date }) =>
		audienceId === undefined
			? `Schedule start time ${date} is before today (UTC)`
			: `Start date ${date} of audience ${name === undefined ? audienceId : `${name} (${audienceId})`} is before today (UTC)`,
	);
}

const VERBS = [
	['added', 'Added', 'add'],
	['removed', 'Removed', 'remove'],
	['updated', 'Updated', 'update'],
] as const;

/**
 * "Added 1 audience (A); skipped 1: already on the dataflow"; dry runs "Would add …"; start dates
 * before today end it with a warning.
 */
export function summarySentence(
	lists: Lists,
	skipped: SkippedTouched[],
	dryRun: boolean,
	past: PastStartDate[] = [],
): string {
	const warning = past.length > 0 ? `; ${pastStartClause(past)}` : '';
	return `${changeSentence(lists, skipped, dryRun)}${warning}`;
}

function changeSentence(lists: Lists, skipped: SkippedTouched[], dryRun: boolean): string {
	const clauses: string[] = [];
	for (const [key, past, verb] of VERBS) {
		const kinds = [...new Set(lists[key].map((change) => change.kind))];
		for (const kind of kinds) {
			const changes = lists[key].filter((change) => change.kind === kind);
			clauses.push(
				`${clauses.length === 0 ? (dryRun ? `Would ${verb}` : past) : dryRun ? verb : past.toLowerCase()} ${counted(kind, changes)}`,
			);
		}
	}
	const reasons = [...new Set(skipped.map((entry) => entry.reason))].join(', ');
	if (clauses.length === 0) {
		return skipped.length === 0
			? 'No change: nothing to do'
			: `No change: skipped ${skipped.length}: ${reasons}`;
	}
	const skips = skipped.length > 0 ? `; skipped ${skipped.length}: ${reasons}` : '';
	return `${clauses.join(', ')}${skips}`;
}

/** The keys every update's output item starts with, in this order. */
export const READABLE_KEYS = [
	'summary',
	'changed',
	'added',
	'removed',
	'updated',
	'skipped',
	'flowId',
	'etag',
	'operations',
] as const;

const publicList = (changes: Change[]): IDataObject[] =>
	changes.map(({ id, name }) => ({ id, name }));

/** Where an update's `warnings` go when it has any: after the lists, before the flow ID. */
export const HEAD_KEYS = [...READABLE_KEYS.slice(0, 6), 'warnings', ...READABLE_KEYS.slice(6)];

/** What an output item starts with; the lists and operations are empty when not given. */
export interface ReadableHead {
	summary: string;
	changed: boolean;
	added?: IDataObject[];
	removed?: IDataObject[];
	updated?: IDataObject[];
	skipped?: IDataObject[];
	/** Only when there is something to warn about: outputs without it stay as they were. */
	warnings?: string[];
	flowId: IDataObject[string];
	etag?: IDataObject[string];
	operations?: IDataObject[string];
}

/**
 * An output item read first by a person: the keys of `HEAD_KEYS` in their order (summary,
 * changed, what was added, removed, updated and skipped as ID and name, warnings when there are
 * any, flow ID, etag, raw operations), then the operation's own keys.
 */
export function readableHead(head: ReadableHead, rest: IDataObject = {}): IDataObject {
	return {
		summary: head.summary,
		changed: head.changed,
		added: head.added ?? [],
		removed: head.removed ?? [],
		updated: head.updated ?? [],
		skipped: head.skipped ?? [],
		...(head.warnings?.length ? { warnings: head.warnings } : {}),
		flowId: head.flowId,
		etag: head.etag,
		operations: head.operations ?? [],
		...rest,
	};
}

/**
 * An update's output item: its readable head, then every key the item had before. `past`: the
 * start dates before today it sets (see startDates.ts), told in the summary and in `warnings`.
 */
export function readableUpdate(
	result: IDataObject,
	names: AudienceNames = {},
	past: PastStartDate[] = [],
): IDataObject {
	const operations = (
		Array.isArray(result.operations) ? result.operations : []
	) as PatchOperation[];
	const rawSkipped = (Array.isArray(result.skipped) ? result.skipped : []) as SkippedChange[];
	const lists = listsOf(operations, names);
	const skipped = skippedOf(rawSkipped, names);
	const rest = { ...result };
	delete rest.skipped;
	return readableHead(
		{
			summary: summarySentence(lists, skipped, result.dryRun === true, past),
			changed: result.changed === true,
			added: publicList(lists.added),
			removed: publicList(lists.removed),
			updated: publicList(lists.updated),
			skipped: skipped as unknown as IDataObject[],
			warnings: startDateWarnings(past),
			flowId: result.flowId,
			etag: result.etag,
			operations: result.operations,
		},
		rest,
	);
}
