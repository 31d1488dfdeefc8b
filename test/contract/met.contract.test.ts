import { runContract } from './run.js';
import { metRows } from './scenarios/met.js';

runContract('contract: deadlines met', metRows);
