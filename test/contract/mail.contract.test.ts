import { runContract } from './run.js';
import { mailRows } from './scenarios/mail.js';

runContract('contract: mail', mailRows);
