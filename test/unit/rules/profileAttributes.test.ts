import { buildProfileAttribute } from '@node/rules/profileAttributes';
import { expectInputError } from '../fixtures';

const FIELD = 'attributes.attribute[0]';

describe('buildProfileAttribute', () => {
	it('reads a bare path with both flags off', () => {
		expect(buildProfileAttribute({ path: ' mobilePhone.status ' }, FIELD)).toEqual({
			path: 'mobilePhone.status',
			identityNamespace: undefined,
			mandatory: false,
			deduplicationKey: false,
		});
	});

	it('reads an identity namespace and both flags', () => {
		expect(
			buildProfileAttribute(
				{ path: 'Email', identityNamespace: 'Email', mandatory: true, deduplicationKey: true },
				FIELD,
			),
		).toEqual({
			path: 'Email',
			identityNamespace: 'Email',
			mandatory: true,
			deduplicationKey: true,
		});
	});

	it.each(['a/b', 'x~y', '_tenant.loyalty/tier~0', 'identityMap.ECID'])(
		'accepts the path %p, containing characters a pointer escapes',
		(path) => {
			expect(buildProfileAttribute({ path }, FIELD).path).toBe(path);
		},
	);

	it.each(['person name', 'person.\tname', 'a\nb'])('refuses the path %p with spaces', (path) => {
		expectInputError(
			() => buildProfileAttribute({ path }, FIELD),
			`${FIELD}.path`,
			/must not contain spaces/,
		);
	});

	it('refuses a missing or blank path', () => {
		expectInputError(
			() => buildProfileAttribute({ path: '  ' }, FIELD),
			`${FIELD}.path`,
			'Attribute path is required',
		);
		expectInputError(
			() => buildProfileAttribute({ path: null }, FIELD),
			`${FIELD}.path`,
			'Attribute path is required',
		);
	});

	it('accepts a path of 512 characters and refuses 513', () => {
		expect(buildProfileAttribute({ path: 'a'.repeat(512) }, FIELD).path).toHaveLength(512);
		expectInputError(
			() => buildProfileAttribute({ path: 'a'.repeat(513) }, FIELD),
			`${FIELD}.path`,
			'Attribute path is longer than 512 characters',
		);
	});

	it.each(['Email', 'ECID', 'Phone_E.164', 'crm-id', 'GAID2'])(
		'accepts the identity namespace %p',
		(identityNamespace) => {
			expect(buildProfileAttribute({ path: 'x', identityNamespace }, FIELD).identityNamespace).toBe(
				identityNamespace,
			);
		},
	);

	it.each(['E mail', 'Email/x', 'Email~', 'e@mail', 'ns:1'])(
		'refuses the identity namespace %p',
		(identityNamespace) => {
			expectInputError(
				() => buildProfileAttribute({ path: 'x', identityNamespace }, FIELD),
				`${FIELD}.identityNamespace`,
				`Identity namespace "${identityNamespace}" may hold only letters, digits, ".", "_" and "-"`,
			);
		},
	);

	it('reads an empty identity namespace as none', () => {
		expect(
			buildProfileAttribute({ path: 'x', identityNamespace: '' }, FIELD).identityNamespace,
		).toBeUndefined();
	});

	it.each([
		[undefined, false],
		[null, false],
		['', false],
		[true, true],
		[false, false],
		['true', true],
		['false', false],
	])('reads the flag %p as %p', (value, expected) => {
		const attribute = buildProfileAttribute(
			{ path: 'x', mandatory: value, deduplicationKey: value },
			FIELD,
		);
		expect(attribute.mandatory).toBe(expected);
		expect(attribute.deduplicationKey).toBe(expected);
	});

	it.each([
		['mandatory', 'yes', 'string "yes"'],
		['mandatory', 1, 'number 1'],
		['deduplicationKey', {}, 'an object'],
		['deduplicationKey', 'TRUE', 'string "TRUE"'],
	])('refuses %s = %p', (key, value, described) => {
		expectInputError(
			() => buildProfileAttribute({ path: 'x', [key]: value }, FIELD),
			`${FIELD}.${key}`,
			`Must be true or false, got ${described}`,
		);
	});
});
