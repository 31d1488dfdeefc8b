import { runContract } from './run.js';
import { emailRows } from './scenarios/email.js';

runContract('contract: with outgoing client e-mail (SMTP on)', emailRows, { email: true });
