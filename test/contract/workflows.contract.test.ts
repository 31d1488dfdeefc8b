import { runContract } from './run.js';
import { workflowRows } from './scenarios/workflows.js';

runContract('contract: workflows', workflowRows);
