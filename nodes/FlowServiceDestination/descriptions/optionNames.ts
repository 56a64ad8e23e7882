import type { INodeProperties } from 'n8n-workflow';

/** Each choice's name by its value: a canvas subtitle names a choice as its list does. */
export function optionNames(property: INodeProperties): Record<string, string> {
	return Object.fromEntries(
		(property.options as Array<{ name: string; value: string }>).map((option) => [
			option.value,
			option.name,
		]),
	);
}
