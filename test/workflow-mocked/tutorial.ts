import tutorialFlow from '../../emulator/fixtures/tutorial-flow.json';
import { FLOWS_PATH } from './setup';

// The tutorial dataflow most suites read and update, under the names they all use for it.
export const FLOW_ID = tutorialFlow.id;
export const FLOW_PATH = `${FLOWS_PATH}/${FLOW_ID}`;
export const ETAG = tutorialFlow.etag;
export const SELECTORS = '/transformations/0/params/segmentSelectors/selectors';
/** Its four audience selectors, as read. */
export const CURRENT = tutorialFlow.transformations[0].params.segmentSelectors!.selectors;
export const [A0, A1, A2, A3] = CURRENT.map((s) => s.value.id);
/** An audience the tutorial flow does not export. */
export const NEW_AUDIENCE = '2d79d0d8-724f-49fc-a09d-d1dec338c93c';
/** A second destination flow, for runs that touch two. */
export const OTHER_ID = '4143ab67-8b6b-42e2-b5aa-b52e69484723';

/** An audience chosen in the picker (resource locator). */
export const picked = (value: string, mode = 'list') => ({ __rl: true, mode, value });
