// n8n 2.x (pinned in scripts/runtimes/versions.sh) on Node 24.
import { describeRuntime } from './scenarios';

describeRuntime('v2');
