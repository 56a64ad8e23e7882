// Flow Service etags look like Cosmos DB's: "<8 hex>-0000-0200-0000-<epoch seconds hex>0000",
// quotes included. A per-process counter keeps every rotation distinct.
import { randomBytes } from 'node:crypto';

let counter = randomBytes(4).readUInt32BE(0);

export function newEtag(nowMs: number = Date.now()): string {
	counter = (counter + 1) >>> 0;
	const head = counter.toString(16).padStart(8, '0');
	const seconds = Math.floor(nowMs / 1000)
		.toString(16)
		.padStart(8, '0');
	return `"${head}-0000-0200-0000-${seconds}0000"`;
}
