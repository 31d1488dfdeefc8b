import { runContract } from './run.js';
import { retentionRows } from './scenarios/retention.js';

runContract('contract: retention (issue #15)', retentionRows);
