import type { App } from '@slack/bolt';
import type { SlackServices } from '../services.js';
import * as claim from './actions/claim.js';
import * as details from './actions/details.js';
import * as escalate from './actions/escalate.js';
import * as escalationAcknowledge from './actions/escalation-acknowledge.js';
import * as escalationRefer from './actions/escalation-refer.js';
import * as escalationTakeOver from './actions/escalation-take-over.js';
import * as headDecision from './actions/head-decision.js';
import * as holdingReply from './actions/holding-reply.js';
import * as logCall from './actions/log-call.js';
import * as markReplied from './actions/mark-replied.js';
import * as release from './actions/release.js';
import * as replyEmail from './actions/reply-email.js';
import * as inquiryCommand from './commands/inquiry-command.js';
import * as appHomeOpened from './events/app-home-opened.js';
import * as escalateSubmit from './views/escalate.js';
import * as holdingReplySubmit from './views/holding-reply.js';
import * as logCallSubmit from './views/log-call.js';
import * as newInquirySubmit from './views/new-inquiry.js';
import * as replyEmailSubmit from './views/reply-email.js';

const LISTENERS = [
  claim, details, escalate, escalationAcknowledge, escalationRefer, escalationTakeOver, headDecision, holdingReply, logCall,
  markReplied, release, replyEmail, inquiryCommand, appHomeOpened, escalateSubmit, holdingReplySubmit, logCallSubmit, newInquirySubmit,
  replyEmailSubmit,
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
