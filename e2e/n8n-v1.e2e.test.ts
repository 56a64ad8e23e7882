// n8n 1.x, the last 1.x line, on the system Node 20 (legacy expression engine).
import { describeRuntime } from './scenarios';

describeRuntime('v1');
