import { runContract } from './run.js';
import { commandRows } from './scenarios/commands.js';

runContract('contract: text commands', commandRows);
