/**
 * Searches texts and files for secret values: as they are, and base64 / base64url encoded (a
 * Basic auth header, a buffer dumped as base64) at each of the three byte alignments.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';

export interface Secret {
	/** What it is, for the report (never the value). */
	label: string;
	value: string;
}

export interface Hit {
	source: string;
	secret: string;
	form: string;
	count: number;
}

/** Encoded forms shorter than this are not searched (they would match by chance). */
const MIN_FORM_LENGTH = 16;

/**
 * The value as is, plus the base64 and base64url characters that depend on the value's bytes only,
 * for the value starting at byte offset 0, 1 or 2 of a 3-byte group.
 */
export function encodedForms(value: string): Array<{ form: string; needle: string }> {
	const forms = new Map<string, string>([[value, 'plain']]);
	const bytes = Buffer.from(value, 'utf8');
	for (let shift = 0; shift < 3; shift++) {
		const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
		const needle = encoded.slice(
			Math.ceil((8 * shift) / 6),
			Math.floor((8 * (shift + bytes.length)) / 6),
		);
		if (needle.length < MIN_FORM_LENGTH) continue;
		if (!forms.has(needle)) forms.set(needle, `base64@${shift}`);
		const url = needle.replace(/\+/g, '-').replace(/\//g, '_');
		if (!forms.has(url)) forms.set(url, `base64url@${shift}`);
	}
	return [...forms].map(([needle, form]) => ({ form, needle }));
}

function count(haystack: Buffer, needle: Buffer): number {
	let found = 0;
	for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) found++;
	return found;
}

/** Every regular file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.join(entry.parentPath, entry.name))
		.sort();
}

export class SecretScan {
	readonly sources: Array<{ name: string; kind: string; bytes: Buffer }> = [];

	/** A text (or bytes, or anything JSON can show) to search; `kind` groups sources in the report. */
	add(kind: string, name: string, content: string | Buffer | unknown): this {
		const bytes = Buffer.isBuffer(content)
			? content
			: Buffer.from(
					typeof content === 'string' ? content : (JSON.stringify(content) ?? String(content)),
					'utf8',
				);
		this.sources.push({ name, kind, bytes });
		return this;
	}

	addFile(kind: string, file: string): this {
		return this.add(kind, file, readFileSync(file));
	}

	get byteCount(): number {
		return this.sources.reduce((sum, source) => sum + source.bytes.length, 0);
	}

	/** Sources and bytes per kind, e.g. "CLI output 14 (52113 bytes)". */
	summary(): string {
		const kinds = new Map<string, { sources: number; bytes: number }>();
		for (const { kind, bytes } of this.sources) {
			const entry = kinds.get(kind) ?? { sources: 0, bytes: 0 };
			entry.sources += 1;
			entry.bytes += bytes.length;
			kinds.set(kind, entry);
		}
		return [...kinds]
			.map(([kind, { sources, bytes }]) => `${kind} ${sources} (${bytes} bytes)`)
			.join(', ');
	}

	/** Occurrences of a plain (non-secret) text in the sources of one kind: shows what a kind holds. */
	countIn(kind: string, text: string): number {
		const needle = Buffer.from(text, 'utf8');
		return this.sources
			.filter((source) => source.kind === kind)
			.reduce((sum, source) => sum + count(source.bytes, needle), 0);
	}

	/** Every occurrence of every form of every secret. */
	find(secrets: Secret[]): Hit[] {
		const hits: Hit[] = [];
		for (const secret of secrets) {
			for (const { form, needle } of encodedForms(secret.value)) {
				const bytes = Buffer.from(needle, 'utf8');
				for (const source of this.sources) {
					const found = count(source.bytes, bytes);
					if (found) hits.push({ source: source.name, secret: secret.label, form, count: found });
				}
			}
		}
		return hits;
	}
}

export function occurrences(hits: Hit[]): number {
	return hits.reduce((sum, hit) => sum + hit.count, 0);
}
