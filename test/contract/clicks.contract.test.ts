import { runContract } from './run.js';
import { clickRows } from './scenarios/clicks.js';

runContract('contract: clicks the core carries out', clickRows);
