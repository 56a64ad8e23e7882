import { TUTORIAL_FLOW_ID } from '../../../emulator/fixtures/ids';
import { FLOW_ID_REGEX, FLOW_URL_REGEX, flowIdFromLocator } from '@node/rules/flowLocator';
import { expectInputError } from '../fixtures';

const UPPER = TUTORIAL_FLOW_ID.toUpperCase();

describe('flowIdFromLocator', () => {
	it('returns a plain UUID', () => {
		expect(flowIdFromLocator(TUTORIAL_FLOW_ID)).toBe(TUTORIAL_FLOW_ID);
	});

	it('normalises an upper-case UUID and trims it', () => {
		expect(flowIdFromLocator(` ${UPPER}\n`)).toBe(TUTORIAL_FLOW_ID);
	});

	it.each(['id', 'list', 'url'])('reads the value of a resource locator in %s mode', (mode) => {
		expect(flowIdFromLocator({ __rl: true, mode, value: UPPER })).toBe(TUTORIAL_FLOW_ID);
	});

	it.each([
		`https://experience.adobe.com/#/@acme/sname:prod/platform/destination/browse/dataflow/${TUTORIAL_FLOW_ID}`,
		`https://experience.adobe.com/#/@acme/sname:prod/platform/destination/browse/dataflows/${TUTORIAL_FLOW_ID}/runs`,
		`https://platform.adobe.io/data/foundation/flowservice/flows/${TUTORIAL_FLOW_ID}`,
		`http://localhost:8080/flow/${UPPER}?x=1`,
		`https://experience.adobe.com/#/@acme/destination?dataflow=${TUTORIAL_FLOW_ID}`,
		`https://experience.adobe.com/#/@acme/platform%2Fdataflow%2F${TUTORIAL_FLOW_ID}`,
	])('extracts the dataflow ID from the URL %s', (url) => {
		expect(flowIdFromLocator({ mode: 'url', value: url })).toBe(TUTORIAL_FLOW_ID);
	});

	it.each([
		'../x',
		'a/b',
		'?',
		'%2F',
		`${TUTORIAL_FLOW_ID}/../x`,
		`${TUTORIAL_FLOW_ID}x`,
		`ftp://host/flows/${TUTORIAL_FLOW_ID}`,
		'https://experience.adobe.com/#/dataflow/123',
	])('refuses %p', (value) => {
		expectInputError(
			() => flowIdFromLocator({ mode: 'id', value }),
			'flowId',
			`"${value}" is not a dataflow ID`,
			/or an Experience Platform dataflow URL/,
		);
	});

	it('truncates a long refused value in the message', () => {
		const error = expectInputError(
			() => flowIdFromLocator('y'.repeat(120)),
			'flowId',
			/is not a dataflow ID/,
		);
		expect(error.message).toContain(`"${'y'.repeat(80)}…"`);
	});

	it.each([
		['', ''],
		['blank', '   '],
		['a number', 42],
		['null', null],
		['undefined', undefined],
		['a locator without value', { mode: 'list' }],
		['a locator with a numeric value', { mode: 'id', value: 7 }],
		['a locator with an object value', { mode: 'id', value: { id: TUTORIAL_FLOW_ID } }],
	])('requires a dataflow when given %s', (_label, raw) => {
		expectInputError(
			() => flowIdFromLocator(raw),
			'flowId',
			'Dataflow is required: send the dataflow ID (a UUID such as 226fb2e1-db69-4760-b67e-9e671e05abfc) or its Experience Platform URL, or pick one from the list',
		);
	});

	it('names the field it was given', () => {
		expectInputError(() => flowIdFromLocator('a/b', 'otherFlow'), 'otherFlow', /not a dataflow ID/);
	});
});

describe('locator regular expressions', () => {
	it('FLOW_ID_REGEX matches exactly one UUID', () => {
		const regex = new RegExp(FLOW_ID_REGEX);
		expect(regex.test(TUTORIAL_FLOW_ID)).toBe(true);
		expect(regex.test(UPPER)).toBe(true);
		expect(regex.test(`${TUTORIAL_FLOW_ID}/x`)).toBe(false);
		expect(regex.test(`x${TUTORIAL_FLOW_ID}`)).toBe(false);
	});

	it('FLOW_URL_REGEX captures the ID as its first group', () => {
		const match = new RegExp(FLOW_URL_REGEX).exec(
			`https://experience.adobe.com/x/dataflow/${TUTORIAL_FLOW_ID}`,
		);
		expect(match?.[1]).toBe(TUTORIAL_FLOW_ID);
	});
});
