import { runContract } from './run.js';
import { deadlineRows } from './scenarios/deadlines.js';

runContract('contract: deadlines', deadlineRows);
