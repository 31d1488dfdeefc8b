import { runContract } from './run.js';
import { inquiryRows } from './scenarios/inquiry.js';

runContract('contract: the inquiry lifecycle', inquiryRows);
