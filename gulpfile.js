const { rmSync } = require('fs');
const { src, dest, task } = require('gulp');

// A build starts from an empty dist/, so a file deleted or moved in the sources cannot ship.
task('clean', (done) => {
	rmSync('dist', { recursive: true, force: true });
	done();
});

// tsc emits only JavaScript; icons and codex files must sit beside the compiled node.
task('build:assets', () =>
	src(['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist')),
);
