import { runContract } from './run.js';
import { reportRows } from './scenarios/reports.js';

runContract('contract: quality reports (R60.internal)', reportRows);
