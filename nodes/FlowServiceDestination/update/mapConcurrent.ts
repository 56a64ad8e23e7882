/** Runs `task` over `inputs` with at most `limit` in flight; results keep the input order. */
export async function mapConcurrent<T, R>(
	inputs: T[],
	limit: number,
	task: (input: T) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(inputs.length);
	let next = 0;
	const worker = async () => {
		while (next < inputs.length) {
			const index = next++;
			results[index] = await task(inputs[index]);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
	return results;
}
