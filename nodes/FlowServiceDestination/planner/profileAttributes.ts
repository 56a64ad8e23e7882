import { inputError } from '../model/inputError';
import {
	profileSelectors,
	requireGeneralTransform,
	type GeneralTransform,
} from '../model/flowDocument';
import type {
	PatchOperation,
	Planner,
	PrimaryField,
	ProfileSelector,
	SkippedChange,
} from '../model/types';
import type { MissingPolicy } from '../rules/missingPolicy';
import type { ProfileAttributeInput } from '../rules/profileAttributes';

const MAX_ATTRIBUTE_KEYS = 2;

export function planAddProfileAttributes(attributes: ProfileAttributeInput[]): Planner {
	return (flow) => {
		const transform = requireLegacySelectors(flow.id, requireGeneralTransform(flow, 'attributes'));
		const block = profileSelectors(transform) ?? {};
		const selectors = block.selectors ?? [];
		const mandatory = block.mandatoryFields ?? [];
		const primary = block.primaryFields ?? [];
		const skipped: SkippedChange[] = [];
		const newSelectors: ProfileSelector[] = [];
		const newMandatory: string[] = [];
		const newPrimary: PrimaryField[] = [];

		for (const attribute of attributes) {
			const known =
				selectors.some((s) => s.value?.path === attribute.path) ||
				newSelectors.some((s) => s.value.path === attribute.path);
			if (known) {
				skipped.push({
					target: `attribute ${attribute.path}`,
					reason: 'already exported by the dataflow',
				});
			} else {
				newSelectors.push(toSelector(attribute));
			}
			if (attribute.mandatory && ![...mandatory, ...newMandatory].includes(attribute.path))
				newMandatory.push(attribute.path);
			if (attribute.deduplicationKey) {
				const key = toPrimaryField(attribute);
				if (![...primary, ...newPrimary].some((field) => samePrimaryField(field, key)))
					newPrimary.push(key);
			}
		}
		checkDeduplicationKeys([...primary, ...newPrimary]);

		const path = (...tokens: Array<string | number>) =>
			transform.path('profileSelectors', ...tokens);
		if (transform.params.profileSelectors === undefined) {
			if (newSelectors.length === 0) return { operations: [], skipped };
			const value: Record<string, unknown> = { selectors: newSelectors };
			if (newMandatory.length) value.mandatoryFields = newMandatory;
			if (newPrimary.length) value.primaryFields = newPrimary;
			return { operations: [{ op: 'add', path: path(), value }], skipped };
		}
		const operations = [
			...appendTo(path('selectors'), block.selectors, newSelectors),
			...appendTo(path('mandatoryFields'), block.mandatoryFields, newMandatory),
			...appendTo(path('primaryFields'), block.primaryFields, newPrimary),
		];
		return { operations, skipped };
	};
}

export interface RemoveProfileAttributesInput {
	paths: string[];
	ifMissing: MissingPolicy;
}

/**
 * Removes attributes by index (never the tutorial's invalid ".../selectors/-"), highest index first,
 * together with the mandatory-field and deduplication-key entries that would otherwise dangle.
 */
export function planRemoveProfileAttributes(input: RemoveProfileAttributesInput): Planner {
	return (flow) => {
		const transform = requireLegacySelectors(flow.id, requireGeneralTransform(flow, 'attributes'));
		const block = profileSelectors(transform) ?? {};
		const selectors = block.selectors ?? [];
		const skipped: SkippedChange[] = [];
		const removed = new Set<string>();
		for (const path of new Set(input.paths)) {
			if (!selectors.some((s) => s.value?.path === path)) {
				if (input.ifMissing === 'error')
					inputError(
						'attributes',
						`Profile attribute ${path} is not exported by dataflow ${flow.id}`,
					);
				skipped.push({ target: `attribute ${path}`, reason: 'not exported by the dataflow' });
				continue;
			}
			removed.add(path);
		}
		const namespaces = (keep: boolean) =>
			new Set(
				selectors
					.filter((s) => removed.has(s.value?.path) !== keep)
					.map((s) => s.value?.identity?.namespace),
			);
		const [removedNamespaces, keptNamespaces] = [namespaces(false), namespaces(true)];
		const path = (...tokens: Array<string | number>) =>
			transform.path('profileSelectors', ...tokens);
		const operations = [
			...removeWhere(
				path('selectors'),
				selectors,
				(s) => removed.has(s.value?.path),
				(s) => ({
					type: s.type,
					value: { path: s.value.path, operator: s.value.operator ?? 'EXISTS' },
				}),
			),
			...removeWhere(path('mandatoryFields'), block.mandatoryFields ?? [], (field) =>
				removed.has(field),
			),
			...removeWhere(path('primaryFields'), block.primaryFields ?? [], (field) =>
				field.fieldType === 'ATTRIBUTE'
					? removed.has(field.attributePath)
					: removedNamespaces.has(field.identityNamespace) &&
						!keptNamespaces.has(field.identityNamespace),
			),
		];
		return { operations, skipped };
	};
}

function requireLegacySelectors(flowId: string, transform: GeneralTransform): GeneralTransform {
	if (
		transform.params.profileSelectors === undefined &&
		transform.params.profileMapping !== undefined
	) {
		inputError(
			'attributes',
			`Dataflow ${flowId} maps profile attributes with a Data Prep mapping set (profileMapping), not profile selectors; change its attributes with the Update Mapping operation`,
		);
	}
	return transform;
}

function toSelector(attribute: ProfileAttributeInput): ProfileSelector {
	const value: ProfileSelector['value'] = { path: attribute.path, operator: 'EXISTS' };
	if (attribute.identityNamespace) value.identity = { namespace: attribute.identityNamespace };
	return { type: 'JSON_PATH', value };
}

function toPrimaryField(attribute: ProfileAttributeInput): PrimaryField {
	return attribute.identityNamespace
		? { identityNamespace: attribute.identityNamespace, fieldType: 'IDENTITY' }
		: { fieldType: 'ATTRIBUTE', attributePath: attribute.path };
}

function samePrimaryField(a: PrimaryField, b: PrimaryField): boolean {
	if (a.fieldType === 'IDENTITY' && b.fieldType === 'IDENTITY')
		return a.identityNamespace === b.identityNamespace;
	if (a.fieldType === 'ATTRIBUTE' && b.fieldType === 'ATTRIBUTE')
		return a.attributePath === b.attributePath;
	return false;
}

/** Adobe's deduplication rule: one identity namespace, or up to two attributes, never a mix. */
function checkDeduplicationKeys(fields: PrimaryField[]): void {
	const identities = fields.filter((f) => f.fieldType === 'IDENTITY').length;
	const attributes = fields.length - identities;
	if (identities > 0 && attributes > 0) {
		inputError(
			'attributes',
			'Deduplication keys cannot mix an identity namespace with profile attributes: use one identity namespace or up to two attributes',
		);
	}
	if (identities > 1)
		inputError(
			'attributes',
			`Only one identity namespace can be the deduplication key, got ${identities}`,
		);
	if (attributes > MAX_ATTRIBUTE_KEYS)
		inputError(
			'attributes',
			`At most ${MAX_ATTRIBUTE_KEYS} attributes can be deduplication keys, got ${attributes}`,
		);
}

function appendTo<T>(arrayPath: string, existing: T[] | undefined, values: T[]): PatchOperation[] {
	if (values.length === 0) return [];
	if (existing === undefined) return [{ op: 'add', path: arrayPath, value: values }];
	return values.map((value) => ({ op: 'add', path: `${arrayPath}/-`, value }));
}

function removeWhere<T>(
	arrayPath: string,
	items: T[],
	matches: (item: T) => boolean,
	describe: (item: T) => unknown = (item) => item,
): PatchOperation[] {
	const operations: PatchOperation[] = [];
	for (let index = items.length - 1; index >= 0; index--) {
		if (matches(items[index]))
			operations.push({
				op: 'remove',
				path: `${arrayPath}/${index}`,
				value: describe(items[index]),
			});
	}
	return operations;
}
