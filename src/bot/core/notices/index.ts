import type { EventOf, InquiryEvent, InquiryEventType } from '../../../domain/events.js';
import type { Notice, NoticeContext, NoticeSnapshot } from './notice.js';
import { anonymisedRules } from './policy/anonymised.js';
import { callRules } from './policy/calls.js';
import { clientMailRules } from './policy/client-mail.js';
import { deadlineRules } from './policy/deadlines.js';
import { escalationRules } from './policy/escalations.js';
import { externalStepRules } from './policy/external-steps.js';
import { lifecycleRules } from './policy/inquiry-lifecycle.js';
import { meetingRules } from './policy/meetings.js';
import { ratingRules } from './policy/ratings.js';
import type { Rule } from './policy/shapes.js';
import { statusNoteRules } from './policy/status-notes.js';
import { stallRules } from './policy/stalls.js';

/** Deadline bookkeeping and e-mail that merely left as it should are no news in chat. */
const silent = (): Notice[] => [];
const SILENT: ReadonlySet<InquiryEventType> = new Set<InquiryEventType>(['deadlines_changed', 'email_requested', 'email_sent', 'rating_requested', 'rating_voided']);

/** Whether any platform is ever told of this event type: a consumer need not even load a snapshot for the rest. */
export const isNews = (type: InquiryEventType): boolean => !SILENT.has(type);

/** One rule per event type; the compiler refuses an event type without one. */
const RULES = {
  ...lifecycleRules,
  ...callRules,
  ...deadlineRules,
  ...meetingRules,
  ...externalStepRules,
  ...statusNoteRules,
  ...escalationRules,
  ...stallRules,
  ...clientMailRules,
  ...ratingRules,
  ...anonymisedRules,
  deadlines_changed: silent,
  email_requested: silent,
  email_sent: silent,
} satisfies { [T in InquiryEventType]: Rule<T> };

/**
 * The notice policy: who on `context.platform` is told what about `event`, with which buttons, replacing which
 * message — decided once for every platform from a snapshot loaded once. Pure: the same inputs always give the
 * same notices, in delivery order.
 */
export function noticesFor(event: InquiryEvent, snapshot: NoticeSnapshot, context: NoticeContext): readonly Notice[] {
  const rule = RULES[event.type] as Rule<InquiryEventType>;
  return rule(event as EventOf<InquiryEventType>, snapshot, context);
}
