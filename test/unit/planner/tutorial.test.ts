/**
 * Every request of Adobe's "Update destination dataflows using the Flow Service API" tutorial,
 * reproduced from node parameters, with its known defects corrected: removals use resolved indexes
 * (highest first), never ".../selectors/-".
 */

import { buildAudienceSelector } from '@node/rules/audiences';
import { buildProfileAttribute } from '@node/rules/profileAttributes';
import type { PatchOperation } from '@node/model/types';
import { requireUuid, toList } from '@node/rules/scalars';
import { planAddAudiences, planRemoveAudiences } from '@node/planner/audiences';
import { planUpdateMapping } from '@node/planner/mapping';
import {
	planAddProfileAttributes,
	planRemoveProfileAttributes,
} from '@node/planner/profileAttributes';
import { parseRawPatch } from '@node/rules/rawPatch';
import { planUpdateInfo } from '@node/planner/updateInfo';
import {
	TUTORIAL_ATTRIBUTE_PATHS,
	TUTORIAL_AUDIENCE_IDS,
	TUTORIAL_NEW_AUDIENCE_ID,
} from '../../../emulator/fixtures/ids';
import {
	applyOperations,
	attributePaths,
	audienceIds,
	databaseFlow,
	generalParams,
	profileBlock,
	tutorialFlow,
	TUTORIAL_NEW_AUDIENCE_INPUT,
	TUTORIAL_NEW_AUDIENCE_SELECTOR,
} from '../fixtures';
import { parseUpdateFields } from '@node/rules/updateInfo';

/** The planned operations are also a patch the node's own raw-patch rules accept. */
function expectSendable(operations: PatchOperation[]): void {
	expect(parseRawPatch(JSON.stringify(operations))).toEqual(operations);
}

describe('Update dataflow', () => {
	const name = 'Database Dataflow Feb2021';
	const description = 'Database dataflow for testing update API';
	/** The tutorial's update, as the node's Update Fields give it. */
	const input = parseUpdateFields({ scheduleFrequency: 'day', name, description });

	it('reproduces the schedule, name and description replaces, in that order', () => {
		const flow = databaseFlow();
		const plan = planUpdateInfo(input)(flow);
		expect(plan).toEqual({
			operations: [
				{ op: 'replace', path: '/scheduleParams/frequency', value: 'day' },
				{ op: 'replace', path: '/name', value: name },
				{ op: 'replace', path: '/description', value: description },
			],
			skipped: [],
		});
		expectSendable(plan.operations);
		const after = applyOperations(flow, plan.operations);
		expect(after.scheduleParams).toEqual({
			startTime: '1613629200',
			frequency: 'day',
			interval: '15',
		});
		expect(after.name).toBe(name);
		expect(after.description).toBe(description);
	});

	it('plans nothing when sent again to the updated flow', () => {
		const flow = databaseFlow();
		const after = applyOperations(flow, planUpdateInfo(input)(flow).operations);
		expect(planUpdateInfo(input)(after).operations).toEqual([]);
	});
});

describe('Add a segment to a dataflow', () => {
	it('reproduces the single add at .../segmentSelectors/selectors/-', () => {
		const flow = tutorialFlow();
		const selector = buildAudienceSelector(TUTORIAL_NEW_AUDIENCE_INPUT, 'audiences.audience[0]');
		const plan = planAddAudiences([selector])(flow);
		expect(plan).toEqual({
			operations: [
				{
					op: 'add',
					path: '/transformations/0/params/segmentSelectors/selectors/-',
					value: TUTORIAL_NEW_AUDIENCE_SELECTOR,
				},
			],
			skipped: [],
		});
		expectSendable(plan.operations);
		const after = applyOperations(flow, plan.operations);
		expect(audienceIds(after)).toEqual([...TUTORIAL_AUDIENCE_IDS, TUTORIAL_NEW_AUDIENCE_ID]);
		expect(
			(generalParams(after).segmentSelectors as { selectors: unknown[] }).selectors[4],
		).toEqual(TUTORIAL_NEW_AUDIENCE_SELECTOR);
	});

	it('skips the segment when sent again to the updated flow', () => {
		const flow = tutorialFlow();
		const planner = planAddAudiences([
			buildAudienceSelector(TUTORIAL_NEW_AUDIENCE_INPUT, 'audiences.audience[0]'),
		]);
		const after = applyOperations(flow, planner(flow).operations);
		expect(planner(after)).toEqual({
			operations: [],
			skipped: [
				{ target: `audience ${TUTORIAL_NEW_AUDIENCE_ID}`, reason: 'already on the dataflow' },
			],
		});
	});
});

describe('Remove a segment from a dataflow', () => {
	const keys = (text: string) =>
		toList(text, 'audienceKeys', 'Audience').map((key) =>
			requireUuid(key, 'audienceKeys', 'Audience ID'),
		);

	it('reproduces the remove at index 0, resolved from the audience ID', () => {
		const flow = tutorialFlow();
		const plan = planRemoveAudiences({
			keys: keys(TUTORIAL_AUDIENCE_IDS[0]),
			matchBy: 'id',
			ifMissing: 'skip',
		})(flow);
		expect(plan.operations).toEqual([
			{
				op: 'remove',
				path: '/transformations/0/params/segmentSelectors/selectors/0',
				value: { type: 'PLATFORM_SEGMENT', value: { id: TUTORIAL_AUDIENCE_IDS[0] } },
			},
		]);
		expectSendable(plan.operations);
		expect(audienceIds(applyOperations(flow, plan.operations))).toEqual(
			TUTORIAL_AUDIENCE_IDS.slice(1),
		);
	});

	it('removes several segments in one patch, highest index first, leaving the right ones', () => {
		const flow = tutorialFlow();
		const [a0, a1, a2, a3] = TUTORIAL_AUDIENCE_IDS;
		const plan = planRemoveAudiences({
			keys: keys(`${a0}, ${a1}\n${a3}`),
			matchBy: 'id',
			ifMissing: 'skip',
		})(flow);
		expect(plan.operations.map((op) => [op.op, op.path])).toEqual([
			['remove', '/transformations/0/params/segmentSelectors/selectors/3'],
			['remove', '/transformations/0/params/segmentSelectors/selectors/1'],
			['remove', '/transformations/0/params/segmentSelectors/selectors/0'],
		]);
		expect(audienceIds(applyOperations(flow, plan.operations))).toEqual([a2]);
	});

	it('corrects the tutorial defect: ascending index removals would remove the wrong audience', () => {
		const flow = tutorialFlow();
		const [a0, a1, a2, a3] = TUTORIAL_AUDIENCE_IDS;
		const ascending: PatchOperation[] = [0, 1].map((index) => ({
			op: 'remove',
			path: `/transformations/0/params/segmentSelectors/selectors/${index}`,
		}));
		expect(audienceIds(applyOperations(flow, ascending))).toEqual([a1, a3]);
		const plan = planRemoveAudiences({ keys: [a0, a1], matchBy: 'id', ifMissing: 'skip' })(flow);
		expect(audienceIds(applyOperations(flow, plan.operations))).toEqual([a2, a3]);
	});
});

const PROFILE_SELECTORS = '/transformations/0/params/profileSelectors/selectors';
/** The profile attribute the tutorial adds and removes again. */
const MOBILE_PHONE_STATUS = {
	type: 'JSON_PATH',
	value: { path: 'mobilePhone.status', operator: 'EXISTS' },
};

describe('Add a profile attribute to a dataflow', () => {
	it('reproduces the add of mobilePhone.status', () => {
		const flow = tutorialFlow();
		const plan = planAddProfileAttributes([
			buildProfileAttribute({ path: 'mobilePhone.status' }, 'attributes.attribute[0]'),
		])(flow);
		expect(plan).toEqual({
			operations: [{ op: 'add', path: `${PROFILE_SELECTORS}/-`, value: MOBILE_PHONE_STATUS }],
			skipped: [],
		});
		expectSendable(plan.operations);
		expect(attributePaths(applyOperations(flow, plan.operations))).toEqual([
			...TUTORIAL_ATTRIBUTE_PATHS,
			'mobilePhone.status',
		]);
	});
});

describe('Remove a profile attribute from a dataflow', () => {
	it('removes mobilePhone.status at its resolved index, never at "-"', () => {
		const original = tutorialFlow();
		const added = applyOperations(
			original,
			planAddProfileAttributes([buildProfileAttribute({ path: 'mobilePhone.status' }, 'a')])(
				original,
			).operations,
		);
		const plan = planRemoveProfileAttributes({
			paths: toList('mobilePhone.status', 'attributePaths', 'Attribute path'),
			ifMissing: 'error',
		})(added);
		expect(plan).toEqual({
			operations: [{ op: 'remove', path: `${PROFILE_SELECTORS}/5`, value: MOBILE_PHONE_STATUS }],
			skipped: [],
		});
		expect(plan.operations.every((op) => !op.path.endsWith('/-'))).toBe(true);
		expectSendable(plan.operations);
		expect(applyOperations(added, plan.operations)).toEqual(original);
	});

	it('resolves an attribute in the middle of the list and keeps the rest in order', () => {
		const flow = tutorialFlow();
		const plan = planRemoveProfileAttributes({
			paths: ['personalEmail.address'],
			ifMissing: 'error',
		})(flow);
		expect(plan.operations.map((op) => op.path)).toEqual([`${PROFILE_SELECTORS}/3`]);
		expect(
			profileBlock(applyOperations(flow, plan.operations))?.selectors?.map((s) => s.value.path),
		).toEqual([
			'Email',
			'person.name.firstName',
			'person.name.lastName',
			'segmentMembership.status',
		]);
	});
});

describe('Update mapping', () => {
	/** The mapping set version the tutorial moves the database flow to. */
	const MAPPING = { mappingId: 'c5f22f04e09f44498e528901546a83b1', mappingVersion: 2 };

	it('replaces the Mapping transformation of the database flow at its index', () => {
		const flow = databaseFlow();
		const planner = planUpdateMapping({ ...MAPPING, location: 'auto' });
		const plan = planner(flow);
		const mapping = { name: 'Mapping', params: MAPPING };
		expect(plan).toEqual({
			operations: [{ op: 'replace', path: '/transformations/0', value: mapping }],
			skipped: [],
		});
		expectSendable(plan.operations);
		const after = applyOperations(flow, plan.operations);
		expect(after.transformations).toEqual([mapping]);
		expect(planner(after).operations).toEqual([]);
	});
});
