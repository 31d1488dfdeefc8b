import { runContract } from './run.js';
import { erasureRows } from './scenarios/erasure.js';

runContract('contract: erasure of a person’s data on request (issue #15, R12.records)', erasureRows);
