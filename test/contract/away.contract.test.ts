import { runContract } from './run.js';
import { awayRows } from './scenarios/away.js';

runContract('contract: away with cover', awayRows);
