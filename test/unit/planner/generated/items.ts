import fc from 'fast-check';

import type { Planner } from '@node/model/types';
import { planAddAudiences, planRemoveAudiences } from '@node/planner/audiences';
import { planUpdateAudienceSettings } from '@node/planner/audienceSettings';
import { planUpdateMapping } from '@node/planner/mapping';
import {
	planAddProfileAttributes,
	planRemoveProfileAttributes,
} from '@node/planner/profileAttributes';
import { planSyncAudiences } from '@node/planner/syncAudiences';
import { planUpdateInfo } from '@node/planner/updateInfo';
import { buildAudienceSelector } from '@node/rules/audiences';
import { parseSettingsChange } from '@node/rules/audienceSettings';
import { parseMappingInput } from '@node/rules/mapping';
import { buildProfileAttribute } from '@node/rules/profileAttributes';
import { desiredAudiences } from '@node/rules/syncAudiences';
import { parseUpdateFields } from '@node/rules/updateInfo';
import {
	attributePath,
	audienceName,
	batchSettings,
	hour,
	itemPoolId,
	namespace,
	template,
	type BatchSettings,
} from './flows';

/** One audience entry as a user gives it: an ID, maybe a name, and batch settings or none. */
export interface AudienceEntry {
	id: string;
	name?: string;
	settings?: BatchSettings;
	filenameTemplate?: string;
}

export interface SettingsEntry {
	id: string;
	name?: string;
	filenameTemplate?: string;
	startTime?: string;
	removeEndDate: boolean;
}

export interface AttributeEntry {
	path: string;
	identityNamespace?: string;
	mandatory: boolean;
	deduplicationKey: boolean;
}

export type Item =
	| { kind: 'addAudiences'; entries: AudienceEntry[] }
	| { kind: 'removeAudiences'; keys: string[]; matchBy: 'id' | 'name'; ifMissing: Missing }
	| { kind: 'syncAudiences'; entries: AudienceEntry[]; removeUnlisted: boolean }
	| { kind: 'updateSettings'; entries: SettingsEntry[]; ifMissing: Missing }
	| { kind: 'addAttributes'; entries: AttributeEntry[] }
	| { kind: 'removeAttributes'; paths: string[]; ifMissing: Missing }
	| {
			kind: 'updateInfo';
			name?: string;
			description?: string;
			interval?: number;
			frequency?: string;
	  }
	| { kind: 'updateMapping'; mappingId: string; mappingVersion: number; location: MappingWhere };

export type Missing = 'skip' | 'error';
export type MappingWhere = 'auto' | 'transformation' | 'profileMapping';

const missing = fc.constantFrom<Missing>('skip', 'skip', 'error');
const lowerUnique = { selector: (entry: { id: string }) => entry.id.toLowerCase() };

const audienceEntry = fc.record(
	{ id: itemPoolId, name: audienceName, settings: batchSettings, filenameTemplate: template },
	{ requiredKeys: ['id'] },
);

const settingsEntry = fc
	.record(
		{
			id: itemPoolId,
			name: audienceName,
			filenameTemplate: template,
			startTime: hour,
			removeEndDate: fc.boolean(),
		},
		{ requiredKeys: ['id', 'removeEndDate'] },
	)
	.filter(
		(e) =>
			e.name !== undefined ||
			e.filenameTemplate !== undefined ||
			e.startTime !== undefined ||
			e.removeEndDate,
	);

const attributeEntry = fc.record(
	{
		path: attributePath,
		identityNamespace: namespace,
		mandatory: fc.boolean(),
		deduplicationKey: fc.boolean(),
	},
	{ requiredKeys: ['path', 'mandatory', 'deduplicationKey'] },
);

export const ITEM_ARBITRARIES: Record<Item['kind'], fc.Arbitrary<Item>> = {
	addAudiences: fc
		.array(audienceEntry, { minLength: 1, maxLength: 5 })
		.map((entries) => ({ kind: 'addAudiences', entries })),
	removeAudiences: fc
		.record({
			matchBy: fc.constantFrom<'id' | 'name'>('id', 'id', 'name'),
			ids: fc.array(itemPoolId, { minLength: 1, maxLength: 5 }),
			names: fc.array(audienceName, { minLength: 1, maxLength: 3 }),
			ifMissing: missing,
		})
		.map(({ matchBy, ids, names, ifMissing }) => ({
			kind: 'removeAudiences',
			keys: matchBy === 'id' ? ids : names,
			matchBy,
			ifMissing,
		})),
	syncAudiences: fc
		.record({
			entries: fc.uniqueArray(audienceEntry, { maxLength: 6, ...lowerUnique }),
			removeUnlisted: fc.boolean(),
		})
		.map(({ entries, removeUnlisted }) => ({ kind: 'syncAudiences', entries, removeUnlisted })),
	updateSettings: fc
		.record({
			entries: fc.uniqueArray(settingsEntry, { minLength: 1, maxLength: 4, ...lowerUnique }),
			ifMissing: missing,
		})
		.map(({ entries, ifMissing }) => ({ kind: 'updateSettings', entries, ifMissing })),
	addAttributes: fc
		.array(attributeEntry, { minLength: 1, maxLength: 4 })
		.map((entries) => ({ kind: 'addAttributes', entries })),
	removeAttributes: fc
		.record({ paths: fc.array(attributePath, { minLength: 1, maxLength: 4 }), ifMissing: missing })
		.map(({ paths, ifMissing }) => ({ kind: 'removeAttributes', paths, ifMissing })),
	updateInfo: fc
		.record(
			{
				name: fc.constantFrom('Flow A', 'Renamed ~/x'),
				description: fc.constantFrom('', 'about', 'new words'),
				interval: fc.constantFrom(15, 30),
				frequency: fc.constantFrom('minute', 'hour'),
			},
			{ requiredKeys: [] },
		)
		.filter((f) => Object.keys(f).length > 0)
		.map((fields) => ({ kind: 'updateInfo', ...fields })),
	updateMapping: fc
		.record({
			mappingId: fc.constantFrom('map-1', 'map_2'),
			mappingVersion: fc.nat(3),
			location: fc.constantFrom<MappingWhere>('auto', 'transformation', 'profileMapping'),
		})
		.map((input) => ({ kind: 'updateMapping', ...input })),
};

export const anyItem = fc.oneof(...Object.values(ITEM_ARBITRARIES));

/** The flat entry the rules read, as the node's JSON and field modes hand it over. */
export function audienceInput(entry: AudienceEntry): Record<string, string> {
	const input: Record<string, string> = { id: entry.id, ...(entry.settings ?? {}) };
	// Adobe stores SCHEDULED on incremental exports, but refuses a trigger type given with them.
	if (input.exportMode === 'FIRST_FULL_THEN_INCREMENTAL') delete input.triggerType;
	if (entry.name !== undefined) input.name = entry.name;
	if (entry.settings && entry.filenameTemplate !== undefined)
		input.filenameTemplate = entry.filenameTemplate;
	return input;
}

/** The item's planner, built through the same rules the operation's prepare uses. */
export function plannerOf(item: Item): Planner {
	const fields = (list: unknown[], field: string) => list.map((_, i) => `${field}[${i}]`);
	switch (item.kind) {
		case 'addAudiences':
			return planAddAudiences(
				item.entries.map((e, i) => buildAudienceSelector(audienceInput(e), `audiences[${i}]`)),
			);
		case 'removeAudiences':
			return planRemoveAudiences({
				keys: item.keys,
				matchBy: item.matchBy,
				ifMissing: item.ifMissing,
			});
		case 'syncAudiences':
			return planSyncAudiences({
				desired: desiredAudiences(
					item.entries.map(audienceInput),
					fields(item.entries, 'audiences'),
				),
				removeUnlisted: item.removeUnlisted,
				field: 'audiences',
			});
		case 'updateSettings':
			return planUpdateAudienceSettings(
				item.entries.map((e, i) => {
					const raw: Record<string, unknown> = { id: e.id };
					if (e.name !== undefined) raw.name = e.name;
					if (e.filenameTemplate !== undefined) raw.filenameTemplate = e.filenameTemplate;
					if (e.startTime !== undefined) raw.startTime = e.startTime;
					if (e.removeEndDate) raw.endDate = null;
					return parseSettingsChange(raw, `audiences[${i}]`);
				}),
				item.ifMissing,
				'audiences',
			);
		case 'addAttributes':
			return planAddProfileAttributes(
				item.entries.map((e, i) => buildProfileAttribute(e, `attributes[${i}]`)),
			);
		case 'removeAttributes':
			return planRemoveProfileAttributes({ paths: item.paths, ifMissing: item.ifMissing });
		case 'updateInfo': {
			const raw: Record<string, unknown> = {};
			if (item.name !== undefined) raw.name = item.name;
			if (item.description !== undefined) raw.description = item.description;
			if (item.interval !== undefined) raw.scheduleInterval = item.interval;
			if (item.frequency !== undefined) raw.scheduleFrequency = item.frequency;
			return planUpdateInfo(parseUpdateFields(raw));
		}
		case 'updateMapping':
			return planUpdateMapping(
				parseMappingInput(item.mappingId, item.mappingVersion, item.location),
			);
	}
}
