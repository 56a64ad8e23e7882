import { TUTORIAL_AUDIENCE_IDS } from '../../../emulator/fixtures/ids';
import {
	SEGMENT_SELECTORS_PATH,
	TUTORIAL_NEW_AUDIENCE_INPUT,
	UNUSED_AUDIENCE_ID,
} from '../fixtures';

/** Short names the audience planner tests share, so a plan reads as the list it edits. */

/** The tutorial flow's four audiences, in their order in the list. */
export const [A0, A1, A2, A3] = TUTORIAL_AUDIENCE_IDS;
/** The audience Adobe's tutorial adds. */
export const NEW_1 = TUTORIAL_NEW_AUDIENCE_INPUT.id;
/** A second new audience, held by no flow. */
export const NEW_2 = UNUSED_AUDIENCE_ID;
/** Where the tutorial flow keeps its audience list. */
export const SELECTORS = SEGMENT_SELECTORS_PATH;
