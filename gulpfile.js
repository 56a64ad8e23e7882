const { src, dest, task } = require('gulp');

// tsc emits only JavaScript; icons and codex files must sit beside the compiled node.
task('build:assets', () =>
	src(['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist')),
);
