import { runContract } from './run.js';
import { escalationRows } from './scenarios/escalations.js';

runContract('contract: escalations', escalationRows);
