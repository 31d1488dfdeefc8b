import { runContract } from './run.js';
import { unclaimedRows } from './scenarios/unclaimed.js';

runContract('contract: an inquiry nobody claims', unclaimedRows);
