import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

type Level = ReadonlyArray<INodeProperties | INodePropertyCollection>;

/** `audiences.audience[0].startTime` → ['audiences', 'audience', 0, 'startTime']. */
function tokens(path: string): Array<string | number> {
	const result: Array<string | number> = [];
	for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
		result.push(match[2] === undefined ? match[1] : Number(match[2]));
	}
	return result;
}

function childrenOf(entry: INodeProperties | INodePropertyCollection | undefined): Level {
	if (!entry) return [];
	if ('values' in entry) return entry.values;
	const options = (entry as INodeProperties).options;
	// Only collections and fixed collections have parameters below them; options lists hold choices.
	return Array.isArray(options) && options.every((option) => 'displayName' in option)
		? (options as Level)
		: [];
}

/**
 * A parameter path as the editor labels it, positions counted from 1:
 * `audiences.audience[0].startTime` → `Audiences › Audience 1 › Start Time`. Names the
 * description does not know (keys inside JSON) stay as they are.
 */
export function fieldLabel(properties: Level, path: string, inputPrefix = '$json'): string {
	// The whole item (a dataflow to copy), or one field of it.
	if (path === inputPrefix) return 'Input item';
	if (path.startsWith(`${inputPrefix}.`)) {
		return `Input field "${path.slice(inputPrefix.length + 1)}"`;
	}
	const parts: string[] = [];
	let level: Level = properties;
	let last: string | undefined;
	for (const token of tokens(path)) {
		if (typeof token === 'number') {
			const position = `${last ?? 'Entry'} ${token + 1}`;
			if (last === undefined) parts.push(position);
			else parts[parts.length - 1] = position;
			last = undefined;
			continue;
		}
		const entry = level.find((candidate) => candidate.name === token);
		parts.push(entry?.displayName ?? token);
		// A fixed collection's entry is named with its position ("Audience 1"); JSON entries "Entry 1".
		last = entry && 'values' in entry ? entry.displayName : undefined;
		level = childrenOf(entry);
	}
	return parts.join(' › ');
}
