/**
 * The link check of `npm run lint` (remark-validate-links, configured in .remarkrc.mjs) run on pages
 * written here: it must fail on a link to a missing heading or file and name it, and pass good ones.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..', '..', '..');
const remark = path.join(root, 'node_modules', '.bin', 'remark');
const lintLinks: string = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts[
	'lint:links'
];
/** The flags `npm run lint` gives remark, so this test runs the check exactly as the lint does. */
const flags = lintLinks.split(/\s+/).filter((word) => word.startsWith('--'));

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'link-check-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the check on `pages`, written to an empty folder, with the repository's configuration. */
function checkLinks(pages: Record<string, string>) {
	for (const [name, text] of Object.entries(pages)) writeFileSync(path.join(dir, name), text);
	const result = spawnSync(
		remark,
		[...flags, '--rc-path', path.join(root, '.remarkrc.mjs'), ...Object.keys(pages)],
		{ cwd: dir, encoding: 'utf8' },
	);
	return { status: result.status, report: `${result.stdout}${result.stderr}` };
}

const pages = {
	'guide.md':
		'# Guide\n\n## Getting started\n\nSee [the start](#getting-started) and [setup](other.md#setup).\n',
	'other.md': '# Other\n\n## Setup\n\nBack to the [guide](guide.md#guide).\n',
};

describe('the link check of npm run lint', () => {
	it('is remark with the flags that make a warning fail the lint', () => {
		expect(lintLinks.startsWith('remark ')).toBe(true);
		expect(flags).toEqual(['--quiet', '--frail', '--no-stdout', '--no-color']);
	});

	it('passes pages whose links and anchors all exist', () => {
		const { status, report } = checkLinks(pages);

		expect(report).toBe('');
		expect(status).toBe(0);
	});

	it('fails on a link to a heading the page does not have, and names it', () => {
		const { status, report } = checkLinks({
			...pages,
			'guide.md': '# Guide\n\nSee [the start](#getting-started).\n',
		});

		expect(status).toBe(1);
		expect(report).toContain('guide.md');
		expect(report).toContain('3:5-3:34');
		expect(report).toContain('Cannot find heading for `#getting-started`');
	});

	it('fails on a link to a missing heading of another page, and on a missing file', () => {
		const { status, report } = checkLinks({
			...pages,
			'guide.md': '# Guide\n\n[a](other.md#install) and [b](missing.md).\n',
		});

		expect(status).toBe(1);
		expect(report).toContain('Cannot find heading for `#install` in `other.md`');
		expect(report).toContain('Cannot find file `missing.md`');
	});

	it("checks this repository's GitHub URLs as local files", () => {
		const base = 'https://github.com/n8n-nodes-adobe-flow-service/n8n-nodes-adobe-flow-service';
		const { status, report } = checkLinks({
			...pages,
			'guide.md': `# Guide\n\n[ok](${base}/blob/main/other.md) and [gone](${base}/blob/main/gone.md).\n`,
		});

		expect(status).toBe(1);
		expect(report).toContain('Cannot find file `gone.md`');
		expect(report).not.toContain('other.md');
	});
});
