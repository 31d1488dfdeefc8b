import { runContract } from './run.js';
import { auditRows } from './scenarios/audit.js';

runContract('contract: the audit log export (R12.records)', auditRows);
