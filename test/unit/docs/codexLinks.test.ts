/**
 * The documentation links n8n shows for the nodes and the credential. n8n appends
 * `?utm_source=…` to these URLs, so a `#anchor` would end up inside the query and never match:
 * they must name whole pages. Those that point into this repository must name a file that exists.
 */
import { readdirSync, readFileSync, existsSync } from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const repository = String(pkg.repository.url)
	.replace(/^git\+/, '')
	.replace(/\.git$/, '');
const inRepository = new RegExp(`^${repository.replace(/[.]/g, '\\.')}/blob/main/(.+)$`);

function filesUnder(dir: string, suffix: string): string[] {
	return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith(suffix))
		.map((file) => path.join(dir, file));
}

/** Every `url` of a codex file's `resources` (primary and credential documentation). */
function codexUrls(): Array<[string, string]> {
	return filesUnder('nodes', '.node.json').flatMap((file) => {
		const codex = JSON.parse(readFileSync(path.join(root, file), 'utf8'));
		const resources = Object.values(codex.resources ?? {}) as Array<Array<{ url: string }>>;
		return resources.flat().map(({ url }): [string, string] => [file, url]);
	});
}

/** Every `documentationUrl = '…'` of the nodes' and the credential's sources. */
function documentationUrls(): Array<[string, string]> {
	const sources = [...filesUnder('nodes', '.ts'), ...filesUnder('credentials', '.ts')];
	return sources.flatMap((file) =>
		[
			...readFileSync(path.join(root, file), 'utf8').matchAll(
				/documentationUrl\s*[=:]\s*'([^']*)'/g,
			),
		].map((match): [string, string] => [file, match[1]]),
	);
}

const links = [...codexUrls(), ...documentationUrls()];

describe('documentation links of the nodes and the credential', () => {
	it('finds the links of both codex files and the credential', () => {
		const files = new Set(links.map(([file]) => path.basename(file)));
		expect(files).toEqual(
			new Set([
				'FlowServiceDestination.node.json',
				'FlowServiceDestinationTrigger.node.json',
				'AdobeExperiencePlatformApi.credentials.ts',
			]),
		);
	});

	it.each(links)('%s: %s has no #anchor', (_file, url) => {
		expect(url).not.toContain('#');
	});

	it("points the codex files at this repository's pages", () => {
		const outside = codexUrls().filter(([, url]) => !inRepository.test(url));
		expect(outside).toEqual([]);
	});

	it.each(links.filter(([, url]) => url.startsWith(repository)))(
		'%s: %s names a file of this repository that exists',
		(_file, url) => {
			const page = inRepository.exec(url)?.[1] ?? '';
			expect(page).not.toBe('');
			expect(existsSync(path.join(root, page))).toBe(true);
		},
	);
});
