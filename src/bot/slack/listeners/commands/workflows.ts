import { openExternalStep, openLetter, openMeeting, openProgress, openScheduleCall } from '../open-forms.js';
import type { CommandContext } from './command-context.js';

/** `/inquiry schedule <number>`: a call agreed with the client for a set time (R29.agreed-time). */
export const schedule = (context: CommandContext) => openScheduleCall(context, context.args);

/** `/inquiry meeting <number>`: plan a meeting with a chair, a recorder and an agenda (R45.meetings). */
export const meeting = (context: CommandContext) => openMeeting(context, context.args);

/** `/inquiry step <number>`: wait for another institution's decision (R24.other-institution). */
export const step = (context: CommandContext) => openExternalStep(context, context.args);

/** `/inquiry progress <number>`: an intermediate result or decision to tell the client (R19.status). */
export const progress = (context: CommandContext) => openProgress(context, context.args);

/** `/inquiry letter <number>`: a written answer to print (R55.same-channel). */
export const letter = (context: CommandContext) => openLetter(context, context.args);
