import { runContract } from './run.js';
import { ratingRows } from './scenarios/ratings.js';

runContract('contract: client ratings (R60.external, SMTP on)', ratingRows, { email: true });
