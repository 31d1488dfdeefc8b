import type { App } from '@slack/bolt';
import type { SlackServices } from '../services.js';
import * as claim from './actions/claim.js';
import * as close from './actions/close.js';
import * as details from './actions/details.js';
import * as emailClient from './actions/email-client.js';
import * as escalate from './actions/escalate.js';
import * as escalationAcknowledge from './actions/escalation-acknowledge.js';
import * as escalationRefer from './actions/escalation-refer.js';
import * as escalationTakeOver from './actions/escalation-take-over.js';
import * as headDecision from './actions/head-decision.js';
import * as informClient from './actions/inform-client.js';
import * as inquiryMore from './actions/inquiry-more.js';
import * as logCall from './actions/log-call.js';
import * as markReplied from './actions/mark-replied.js';
import * as openLetter from './actions/open-letter.js';
import * as planJointMeeting from './actions/plan-joint-meeting.js';
import * as recordDecision from './actions/record-decision.js';
import * as recordMinutes from './actions/record-minutes.js';
import * as replyEmail from './actions/reply-email.js';
import * as scheduleCall from './actions/schedule-call.js';
import * as sendSummary from './actions/send-summary.js';
import * as writeLetter from './actions/write-letter.js';
import * as inquiryCommand from './commands/inquiry-command.js';
import * as appHomeOpened from './events/app-home-opened.js';
import * as memberJoinedChannel from './events/member-joined-channel.js';
import * as escalateSubmit from './views/escalate.js';
import * as externalStepSubmit from './views/external-step.js';
import * as holdingReplySubmit from './views/holding-reply.js';
import * as logCallSubmit from './views/log-call.js';
import * as newInquirySubmit from './views/new-inquiry.js';
import * as planMeetingSubmit from './views/plan-meeting.js';
import * as recordDecisionSubmit from './views/record-decision.js';
import * as recordMinutesSubmit from './views/record-minutes.js';
import * as recordProgressSubmit from './views/record-progress.js';
import * as replyEmailSubmit from './views/reply-email.js';
import * as scheduleCallSubmit from './views/schedule-call.js';
import * as sendSummarySubmit from './views/send-summary.js';
import * as writeLetterSubmit from './views/write-letter.js';

const LISTENERS = [
  // Buttons and the card's menu
  claim, close, details, emailClient, escalate, escalationAcknowledge, escalationRefer, escalationTakeOver, headDecision, informClient,
  inquiryMore, logCall, markReplied, openLetter, planJointMeeting, recordDecision, recordMinutes, replyEmail, scheduleCall, sendSummary, writeLetter,
  // Commands and events
  inquiryCommand, appHomeOpened, memberJoinedChannel,
  // Forms
  escalateSubmit, externalStepSubmit, holdingReplySubmit, logCallSubmit, newInquirySubmit, planMeetingSubmit, recordDecisionSubmit,
  recordMinutesSubmit, recordProgressSubmit, replyEmailSubmit, scheduleCallSubmit, sendSummarySubmit, writeLetterSubmit,
];

/** Wires every listener, after the two app-wide concerns: Slack's retries and the last-resort error handler. */
export function register(app: App, services: SlackServices): void {
  // Slack retries a request it thinks went unanswered (x-slack-retry-num). We ack before working, so the first
  // delivery is being handled: a retry is acked and dropped rather than applied twice.
  app.use(async ({ context, next, ...args }) => {
    if ((context.retryNum ?? 0) > 0) {
      if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
      return;
    }
    await next();
  });
  app.error(async (error) => {
    services.logger.error({ err: error }, 'slack listener failed');
  });
  for (const listener of LISTENERS) listener.register(app, services);
}
