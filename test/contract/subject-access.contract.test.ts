import { runContract } from './run.js';
import { subjectAccessRows } from './scenarios/subject-access.js';

runContract('contract: subject access, the export of a person’s data (issue #15, R12.records)', subjectAccessRows);
