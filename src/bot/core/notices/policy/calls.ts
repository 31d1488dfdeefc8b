import type { CallLogRecord } from '../../../../domain/events.js';
import { canEmailClient } from '../../../../domain/inquiry.js';
import type { Fact, NoticeAction } from '../notice.js';
import { audienceOf, reachableOn } from '../reachability.js';
import { deadlineMet } from './deadlines.js';
import { announcement, contactFacts, inThread, open, personOf, say, toPerson, type Rule } from './shapes.js';

/** R44.call-notes / R16.expectations: what the client expects, was offered and was warned of — an internal note. */
function callFacts(call: CallLogRecord): Fact[] {
  const facts: Array<[Fact['label'], string | null]> = [
    [{ key: 'form.call.expectation' }, call.clientExpectation],
    [{ key: 'form.call.alternatives' }, call.alternativesOffered],
    [{ key: 'form.call.risks' }, call.risksExplained],
    [{ key: 'form.call.next_step' }, call.nextStep],
  ];
  return [
    ...facts.filter(([, value]) => value).map(([label, value]): Fact => ({ label, value: value!, internal: true })),
    ...(call.nextStepDue ? [{ label: { key: 'form.call.next_step_due' }, value: { at: call.nextStepDue }, internal: true } as const] : []),
  ];
}

/** R44.call-notes: the team sees the call in the card's thread with every fact (D9); the card shows the new status. */
const callLogged: Rule<'call_logged'> = (event, snapshot, { platform }) => [
  announcement(event, snapshot),
  // R29.agreed-time: the call was made; its reminder's Log call gives way.
  ...deadlineMet(event, 'call', [{ stage: 'reminder', person: personOf(snapshot, snapshot.inquiry.inquiry.ownerId) }], platform),
  inThread(event.inquiryId, {
    id: 'call.note',
    kind: 'call_note',
    tone: 'internal',
    text: say('notice.call_logged', { outcome: { key: `outcome.${event.call.outcome}` }, summary: event.call.summary || '—' }),
    facts: callFacts(event.call),
  }),
];

/**
 * R29.agreed-time / R31.callback / R19.status: a planned call is a note in the thread, one key per purpose, its
 * plan an internal fact (D10). The owner is messaged only when someone else planned it: whoever planned it
 * was answered by their form.
 */
const callScheduled: Rule<'call_scheduled'> = (event, snapshot, { platform }) => {
  const parts = {
    id: `call.scheduled.${event.purpose}`,
    text: say(`notice.call_scheduled.${event.purpose}`, { number: event.registryNumber, when: { at: event.callAt } }),
    facts: event.plan ? [{ label: { key: 'notice.call.plan' }, value: event.plan, internal: true } as const] : [],
  } as const;
  const { ownerId } = snapshot.inquiry.inquiry;
  const owner = ownerId === event.actorId ? undefined : personOf(snapshot, ownerId);
  return [
    inThread(event.inquiryId, parts),
    // The owner is the one to dial: the contacts are in their DM, never in the thread (R29.agreed-time).
    ...audienceOf([owner], platform).map((person) =>
      toPerson(person, { ...parts, id: 'call.scheduled_for_owner', facts: [...contactFacts(snapshot.inquiry.inquiry), ...parts.facts], actions: [open(event.inquiryId)] }),
    ),
  ];
};

/**
 * R31.callback: the retry failed too, so the owner must write to the client. With e-mail to this client
 * (`canEmailClient`) the button opens the procedure's draft; without it, a letter or another call — and the
 * text names the same two ways and says why (D5).
 */
const callbackFailed: Rule<'callback_failed'> = (event, snapshot, { platform }) => {
  const owner = personOf(snapshot, event.ownerId);
  if (!reachableOn(owner, platform)) return [];
  const { inquiry } = snapshot.inquiry;
  const byEmail = canEmailClient(inquiry, snapshot.capabilities);
  const key = byEmail ? 'notice.callback_failed' : inquiry.client.email === null ? 'notice.callback_failed.no_email' : 'notice.callback_failed.no_mailer';
  const actions: NoticeAction[] = byEmail
    ? [{ do: 'form', form: 'reply_email', inquiryId: inquiry.id, prefill: { draft: 'missed_call' }, style: 'primary' }]
    : [{ do: 'form', form: 'write_letter', inquiryId: inquiry.id, style: 'primary' }, { do: 'form', form: 'schedule_call', inquiryId: inquiry.id }];
  const facts = contactFacts(inquiry);
  return [toPerson(owner, { id: 'call.callback_failed', tone: 'attention', text: say(key, { number: event.registryNumber }), facts, actions: [...actions, open(inquiry.id)] })];
};

export const callRules = { call_logged: callLogged, call_scheduled: callScheduled, callback_failed: callbackFailed };
