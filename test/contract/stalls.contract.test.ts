import { runContract } from './run.js';
import { stallRows } from './scenarios/stalls.js';

runContract('contract: nothing stalls unseen — handover, still overdue, still unclaimed', stallRows);
