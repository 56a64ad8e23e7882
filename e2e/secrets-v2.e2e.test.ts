// Secret scan in n8n 2.x (pinned in scripts/runtimes/versions.sh) on Node 24.
import { describeSecretScan } from './secrets';

describeSecretScan('v2');
