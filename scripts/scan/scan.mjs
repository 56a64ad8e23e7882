// The lint legs of n8n's verification scan, run the way @n8n/scan-community-package runs them
// after its provenance check (analyzePackageByName in its scanner/scanner.mjs): its own exported
// analyzePackage over the source with SOURCE_FILE_PATTERNS, and over the unpacked tarball with
// its compiled .js and package.json.
//
//   node scripts/scan/scan.mjs <scanner install folder> <source folder> <unpacked tarball> <tarball name>
//
// Called by scan.sh, which installs the scanner and packs the package.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [scannerRoot, sourceDir, packageDir, tarballName] = process.argv
	.slice(2)
	.map((arg, i) => (i < 3 ? path.resolve(arg) : arg));
if (!tarballName) {
	console.error(
		'usage: scan.mjs <scanner folder> <source folder> <unpacked tarball> <tarball name>',
	);
	process.exit(2);
}

const require = createRequire(path.join(scannerRoot, 'package.json'));
const scannerPackage = require('@n8n/scan-community-package/package.json');
const scannerFile = path.join(
	path.dirname(require.resolve('@n8n/scan-community-package/package.json')),
	'scanner',
	'scanner.mjs',
);
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(scannerFile).href);
const glob = require('fast-glob');

// The tarball leg's patterns, as written in analyzePackageByName.
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

// The same file selection analyzePackage makes, only to say how many files each leg read.
const countFiles = (dir, patterns) =>
	glob.sync(patterns, { cwd: dir, ignore: ['node_modules/**', '**/package-lock.json'] }).length;

const legs = [
	{
		name: 'source',
		what: `checkout, ${SOURCE_FILE_PATTERNS.join(' ')}`,
		dir: sourceDir,
		patterns: SOURCE_FILE_PATTERNS,
	},
	{
		name: 'tarball',
		what: `${tarballName}, ${TARBALL_FILE_PATTERNS.join(' ')}`,
		dir: packageDir,
		patterns: TARBALL_FILE_PATTERNS,
	},
];

console.log(`n8n verification scan, ${scannerPackage.name} ${scannerPackage.version}`);
console.log(
	'  provenance  not checked here: the scanner first requires an npm provenance attestation,\n' +
		'              which only a release published by .github/workflows/publish.yml has.\n' +
		'              After a release: npx @n8n/scan-community-package n8n-nodes-adobe-flow-service',
);

let passed = true;
for (const leg of legs) {
	const files = countFiles(leg.dir, leg.patterns);
	const result = await analyzePackage(leg.dir, leg.patterns);
	passed &&= result.passed;
	const verdict = result.passed ? 'pass' : `FAIL: ${result.message}`;
	console.log(`  ${leg.name.padEnd(10)}  ${verdict} (${files} files; ${leg.what})`);
	if (result.details) console.log(result.details);
	// analyzePackage reports a file set it could not find as a pass; a leg that read nothing
	// checked nothing.
	if (files === 0) {
		passed = false;
		console.log(`  ${leg.name.padEnd(10)}  FAIL: no files matched`);
	}
}

console.log(passed ? 'Both lint legs pass.' : 'The scan found problems (see above).');
process.exit(passed ? 0 : 1);
