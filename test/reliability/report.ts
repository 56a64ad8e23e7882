/** Figures go straight to stdout so they appear in the run's log without jest's console decoration. */
export function printFigure(line: string): void {
	process.stdout.write(`${line}\n`);
}
