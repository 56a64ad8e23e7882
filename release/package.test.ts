/**
 * What a release ships and who it says it is from, and that only publish.yml can publish it.
 * Needs a built dist/ (npm test runs `npm run scan`, which builds, before these).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const repository = 'https://github.com/n8n-nodes-adobe-flow-service/n8n-nodes-adobe-flow-service';

// Environment for npm runs: no release mode, and scripts as the checkout's .npmrc sets them.
const env = { ...process.env };
delete env.RELEASE_MODE;
delete env.NPM_CONFIG_PROVENANCE;
delete env.npm_config_provenance;
delete env.npm_config_ignore_scripts;
delete env.npm_config_dry_run;

describe('package metadata', () => {
	it('points repository, bugs and homepage at the public GitHub repository', () => {
		expect(pkg.repository).toEqual({ type: 'git', url: `git+${repository}.git` });
		expect(pkg.bugs).toEqual({ url: `${repository}/issues` });
		expect(pkg.homepage).toBe(`${repository}#readme`);
	});

	it('names an author with an email', () => {
		expect(pkg.author.name).toEqual(expect.any(String));
		expect(pkg.author.email).toMatch(/^[^@\s]+@[^@\s]+$/);
	});

	it('is the newest release of CHANGELOG.md', () => {
		const changelog = readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
		const released = /^## \[(\d+\.\d+\.\d+[^\]]*)\] - \d{4}-\d{2}-\d{2}$/m.exec(changelog);
		expect(released?.[1]).toBe(pkg.version);
	});

	it('has no runtime dependencies and the n8n-workflow peer exactly as n8n requires', () => {
		expect(pkg.dependencies).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});
});

describe('npm pack', () => {
	const allowed = ['dist/nodes/', 'dist/credentials/'];
	const single = ['index.js', 'package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];
	let files: string[];

	beforeAll(() => {
		if (!existsSync(path.join(root, 'dist/nodes'))) {
			throw new Error('dist/ is not built: run `npm run build` first');
		}
		const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], {
			cwd: root,
			env,
			encoding: 'utf8',
		});
		files = (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0].files.map(
			(f) => f.path,
		);
	});

	it('lists only dist/nodes, dist/credentials, index.js, package.json, README.md, LICENSE and CHANGELOG.md', () => {
		const stray = files.filter((f) => !single.includes(f) && !allowed.some((d) => f.startsWith(d)));
		expect(stray).toEqual([]);
		expect(files).toEqual(expect.arrayContaining(single));
	});

	it('ships every node and credential package.json registers, with the files they load', () => {
		const registered: string[] = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
		expect(registered.length).toBeGreaterThan(0);
		expect(files).toEqual(expect.arrayContaining(registered));
		// Icons and codex files sit beside the compiled node (gulp copies them).
		expect(files.some((f) => f.endsWith('.svg'))).toBe(true);
		expect(files.filter((f) => f.endsWith('.node.json')).length).toBe(pkg.n8n.nodes.length);
	});
});

describe('publish guard', () => {
	// npm publish against a registry address that nothing listens on, with a made-up token: no
	// attempt below can reach a real registry, whatever the guard does. (npm reads the package's
	// registry entry first; no retries keep that quick.)
	const offline = [
		'--registry=http://127.0.0.1:9/',
		'--//127.0.0.1:9/:_authToken=offline-test',
		'--fetch-retries=0',
	];
	const publish = (...args: string[]) =>
		spawnSync('npm', ['publish', ...offline, ...args], { cwd: root, env, encoding: 'utf8' });

	it('asks npm for provenance and public access on every publish', () => {
		expect(pkg.publishConfig).toEqual({ access: 'public', provenance: true });
	});

	it('refuses a plain `npm publish` outside GitHub Actions: no provenance can be signed there', () => {
		const result = publish();
		expect(result.status).not.toBe(0);
		// Outside a CI provider npm cannot sign; inside GitHub Actions without id-token it cannot either.
		expect(result.stderr).toMatch(
			/Automatic provenance generation not supported|requires "write" access to the "id-token" permission/,
		);
		expect(result.stderr).toMatch(/code EUSAGE/);
	});

	it("runs n8n's prepublishOnly guard where scripts are on, and it refuses without RELEASE_MODE", () => {
		expect(pkg.scripts.prepublishOnly).toBe('n8n-node prerelease');
		const result = publish('--ignore-scripts=false', '--provenance=false');
		expect(result.status).not.toBe(0);
		expect(result.stdout + result.stderr).toMatch(/n8n-node prerelease/);
		expect(result.stderr).not.toMatch(/ECONNREFUSED/);
	});
});
