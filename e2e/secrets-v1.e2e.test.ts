// Secret scan in n8n 1.x (pinned in scripts/runtimes/versions.sh) on Node 20.
import { describeSecretScan } from './secrets';

describeSecretScan('v1');
