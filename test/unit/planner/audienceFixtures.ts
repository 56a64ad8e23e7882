import { TUTORIAL_AUDIENCE_IDS } from '../../../emulator/fixtures/ids';
import type { SegmentSelector, SegmentSelectorValue } from '@node/model/types';
import {
	SEGMENT_SELECTORS_PATH,
	TUTORIAL_NEW_AUDIENCE_INPUT,
	UNUSED_AUDIENCE_ID,
} from '../fixtures';

/** Short names and stored audiences the audience planner tests share. */

/** The tutorial flow's four audiences, in their order in the list. */
export const [A0, A1, A2, A3] = TUTORIAL_AUDIENCE_IDS;
/** The audience Adobe's tutorial adds. */
export const NEW_1 = TUTORIAL_NEW_AUDIENCE_INPUT.id;
/** A second new audience, held by no flow. */
export const NEW_2 = UNUSED_AUDIENCE_ID;
/** Where the tutorial flow keeps its audience list. */
export const SELECTORS = SEGMENT_SELECTORS_PATH;

/** A daily batch audience as a flow stores it, with a field only Adobe writes (createTime). */
export function storedDailyAudience(
	id: string,
	value: Partial<SegmentSelectorValue> = {},
): SegmentSelector {
	return {
		type: 'PLATFORM_SEGMENT',
		value: {
			id,
			exportMode: 'DAILY_FULL_EXPORT',
			schedule: { frequency: 'DAILY', startDate: '2026-01-01', startTime: '01:00' },
			createTime: '5',
			...value,
		},
	};
}
