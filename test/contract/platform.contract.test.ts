import { runContract } from './run.js';
import { platformRows } from './scenarios/platform.js';

runContract('contract: the platform and the service', platformRows);
