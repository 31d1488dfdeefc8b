import type { CallLogRecord } from '../../../domain/events.js';
import type { EscalationSnapshot } from '../../../domain/inquiry.queries.js';
import { fullName } from '../../../domain/staff.js';
import { formatWhen } from '../../core/format-time.js';
import { translate, type Language } from '../../core/i18n/index.js';
import { adaptiveCard, execute, heading, note, plain, type AdaptiveCard, type CardElement } from './elements.js';
import { INQUIRY_VERBS } from './inquiry-cards.js';

export const ESCALATION_VERBS = {
  acknowledge: 'escalation.acknowledge',
  take_over: 'escalation.take_over',
  refer_to_head: 'escalation.refer_to_head',
  decide: 'escalation.decide',
} as const;

/** What a deadline notice shows besides its text: facts (the call plan, history) and the buttons that act on it. */
export interface DeadlineNoticeParts {
  details: CardElement[];
  actions: CardElement[];
}

/** R14.reply-1wd and the workflow deadlines: a nudge or an overdue notice in a 1:1 chat, its buttons, then Open. */
export function deadlineNoticeCard(text: string, inquiryId: string, subject: string, parts: DeadlineNoticeParts, language: Language, overdue: boolean): AdaptiveCard {
  return adaptiveCard(
    [heading(text, overdue ? 'attention' : 'default'), plain(subject), ...parts.details],
    [...parts.actions, execute(translate(language, 'action.open'), INQUIRY_VERBS.details, { inquiryId, view: 'details' })],
  );
}

/**
 * A notice about one inquiry (R4.owner: the client wrote; an e-mail failed; a workflow step) with its own
 * buttons, if any, and Open, which shows the details privately.
 */
export function inquiryNoticeCard(text: string, inquiryId: string, language: Language, options: Partial<DeadlineNoticeParts> & { attention?: boolean } = {}): AdaptiveCard {
  return adaptiveCard(
    [heading(text, options.attention ? 'attention' : 'default'), ...(options.details ?? [])],
    [...(options.actions ?? []), execute(translate(language, 'action.open'), INQUIRY_VERBS.details, { inquiryId, view: 'details' })],
  );
}

/** A reply in the announcement's thread. */
export function threadNoteCard(text: string, attention = false): AdaptiveCard {
  return adaptiveCard([note(text, attention ? { color: 'attention' } : {})]);
}

/** R44.call-notes: the call summary in the thread, marked internal (R35.no-internal). */
export function callLoggedCard(call: CallLogRecord, language: Language): AdaptiveCard {
  return adaptiveCard([
    note(translate(language, 'card.internal'), { color: 'warning' }),
    plain(translate(language, 'notice.call_logged', { outcome: translate(language, `outcome.${call.outcome}`), summary: call.summary || '—' })),
  ]);
}

function escalationFacts(snapshot: EscalationSnapshot, language: Language, now: Date, zone: string): CardElement[] {
  const { escalation, inquiry } = snapshot;
  return [
    plain(inquiry.subject, { label: translate(language, 'card.subject') }),
    plain(inquiry.client.name, { label: translate(language, 'card.client') }),
    plain(escalation.whatHappened, { label: translate(language, 'notice.escalation.what_happened') }),
    ...(escalation.clientToldWhat ? [plain(escalation.clientToldWhat, { label: translate(language, 'notice.escalation.client_told') })] : []),
    ...(escalation.followUpAt
      ? [plain(formatWhen(escalation.followUpAt, language, now, zone), { label: translate(language, 'notice.escalation.follow_up') })]
      : []),
  ];
}

/** R54 / R58: what the manager gets, with the buttons they may use. */
export function escalationCard(snapshot: EscalationSnapshot, language: Language, now: Date, zone: string): AdaptiveCard {
  const { escalation, inquiry, raisedBy } = snapshot;
  const key = escalation.type === 'incident' ? 'notice.escalated.incident' : 'notice.escalated.conflict';
  const data = { escalationId: escalation.id };
  const actions = [
    execute(translate(language, 'action.acknowledge'), ESCALATION_VERBS.acknowledge, data, 'positive'),
    execute(translate(language, 'action.take_over'), ESCALATION_VERBS.take_over, data),
    ...(escalation.type === 'incident' ? [execute(translate(language, 'action.refer_to_head'), ESCALATION_VERBS.refer_to_head, data, 'destructive')] : []),
  ];
  return adaptiveCard(
    [heading(translate(language, key, { raiser: fullName(raisedBy), number: inquiry.registryNumber }), escalation.type === 'incident' ? 'attention' : 'default'), ...escalationFacts(snapshot, language, now, zone)],
    actions,
  );
}

/** R58.incident: the head decides whether to report to the competent authorities. */
export function headDecisionCard(snapshot: EscalationSnapshot, language: Language, now: Date, zone: string): AdaptiveCard {
  const { escalation, inquiry, manager } = snapshot;
  const data = { escalationId: escalation.id };
  return adaptiveCard(
    [
      heading(translate(language, 'notice.escalation.referred', { manager: manager ? fullName(manager) : '—', number: inquiry.registryNumber }), 'attention'),
      ...escalationFacts(snapshot, language, now, zone),
    ],
    [
      execute(translate(language, 'action.report'), ESCALATION_VERBS.decide, { ...data, report: true }, 'destructive'),
      execute(translate(language, 'action.do_not_report'), ESCALATION_VERBS.decide, { ...data, report: false }),
    ],
  );
}

/** Buttons that were used give way to what was decided. */
export function outcomeCard(title: string, outcome: string): AdaptiveCard {
  return adaptiveCard([note(title, { subtle: true }), note(outcome, { color: 'good' })]);
}
