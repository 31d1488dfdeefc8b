import { runContract } from './run.js';
import { callRows } from './scenarios/calls.js';

runContract('contract: calls', callRows);
