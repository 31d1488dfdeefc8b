import { CALL_OUTCOMES, callLogSchema, isMissed, type CallOutcome } from '../../../domain/call-log.js';
import { ESCALATION_TYPES, raiseEscalationSchema, type EscalationType } from '../../../domain/escalation.js';
import { PROGRESS_STAGES, type ProgressStage } from '../../../domain/events.js';
import { canEmailClient, INQUIRY_KINDS, type Channel, type InquiryKind } from '../../../domain/inquiry.js';
import { recordProgressSchema, registerInquirySchema } from '../../../domain/inquiry.schemas.js';
import { fieldLimits, TEXT_LIMITS } from '../../../domain/validation.js';
import type { PlatformContext } from '../../platform.js';
import { formatWhen } from '../format-time.js';
import { translate, type Language } from '../i18n/index.js';
import { date, inquiryOf, optionalText, requiredDate, text, toggled, type FieldCondition, type FieldSpec, type FormTarget, type FormUseCase, type FormValues } from './form-spec.js';

/** R7.channels: the channels staff register by hand; e-mail and the web form register themselves. */
export const STAFF_CHANNELS = ['phone', 'in_person', 'letter'] as const satisfies readonly Channel[];
export const CLIENT_LANGUAGES = ['lt', 'en', 'ru', 'pl', 'uk'] as const;

/** R33.language: each language by its own name, as its speakers write it, whatever the form's language. */
export const LANGUAGE_NAMES: Readonly<Record<(typeof CLIENT_LANGUAGES)[number], string>> = {
  lt: 'Lietuvių', en: 'English', ru: 'Русский', pl: 'Polski', uk: 'Українська',
};

const REGISTER = fieldLimits(registerInquirySchema);
const CALL = fieldLimits(callLogSchema);
const ESCALATION = fieldLimits(raiseEscalationSchema);
const PROGRESS = fieldLimits(recordProgressSchema);

// The answers the domain's schemas make other fields depend on (callLogSchema, raiseEscalationSchema).
const REACHED: FieldCondition = { field: 'outcome', oneOf: CALL_OUTCOMES.filter((outcome) => !isMissed(outcome)) };
const MISSED: FieldCondition = { field: 'outcome', oneOf: CALL_OUTCOMES.filter(isMissed) };
const CONFLICT: FieldCondition = { field: 'type', oneOf: ['conflict'] satisfies EscalationType[] };

/** A moment as the person reads it in a confirmation (`today 14:00`), in the institution's time zone. */
export function whenText(services: PlatformContext, language: Language, at: Date): string {
  return formatWhen(at, language, services.clock.now(), services.config.TIME_ZONE);
}

/** R7.channels: a phone, in-person or letter inquiry, registered by the staff member who took it. */
export const newInquiry: FormUseCase = {
  spec: {
    id: 'new_inquiry',
    title: 'form.new.title',
    fields: [
      { id: 'kind', label: 'form.new.kind', kind: 'choice', required: true, choices: INQUIRY_KINDS.map((value) => ({ value, label: `kind.${value}` as const })) },
      { id: 'channel', label: 'form.new.channel', kind: 'choice', required: true, choices: STAFF_CHANNELS.map((value) => ({ value, label: `channel.${value}` as const })) },
      { id: 'client.name', label: 'form.new.client_name', kind: 'text', required: true, limit: REGISTER['client.name'] },
      { id: 'client.email', label: 'form.new.client_email', kind: 'text', required: false, limit: REGISTER['client.email'] },
      { id: 'client.phone', label: 'form.new.client_phone', kind: 'text', required: false, limit: REGISTER['client.phone'] ?? { max: 20 } },
      // R55.same-channel: where a letter answer is posted; printed on the letter (src/web/letters.ts).
      { id: 'client.postalAddress', label: 'form.new.postal_address', kind: 'multiline', required: false, limit: REGISTER['client.postalAddress'] },
      { id: 'client.language', label: 'form.new.language', kind: 'choice', required: true, choices: CLIENT_LANGUAGES.map((value) => ({ value, label: { literal: LANGUAGE_NAMES[value] } })) },
      { id: 'subject', label: 'form.new.subject', kind: 'text', required: true, limit: REGISTER.subject },
      { id: 'body', label: 'form.new.body', kind: 'multiline', required: false, limit: REGISTER.body },
    ],
    // "needs an e-mail address or a phone number" is shown beside the phone, on every platform (D27).
    errorAliases: { client: 'client.phone' },
  },
  initial: async () => ({ channel: 'phone', 'client.language': 'lt' }),
  async submit(services, { actor, language }, _target, values) {
    const { inquiry } = await services.inquiries.register({
      kind: text(values, 'kind') as InquiryKind,
      channel: text(values, 'channel') as Channel,
      externalId: null,
      client: {
        name: text(values, 'client.name'),
        email: optionalText(values, 'client.email'),
        phone: optionalText(values, 'client.phone'),
        postalAddress: optionalText(values, 'client.postalAddress'),
        language: text(values, 'client.language') || 'lt',
      },
      subject: text(values, 'subject'),
      body: text(values, 'body'),
      receivedAt: services.clock.now(),
      registeredById: actor.id,
    });
    return translate(language, 'reply.registered', { number: inquiry.registryNumber });
  },
};

/** R14.urgent-call: "e-mail the client a summary" only where it could go out (e-mail configured, the client has an address). */
const EMAIL_SUMMARY = 'emailSummaryToClient';
const canEmailSummary = (services: PlatformContext, target: FormTarget): boolean => target.inquiry !== null && canEmailClient(target.inquiry, services.capabilities);

/**
 * R44.call-notes / R16.expectations: the post-call summary; the notifier puts it in the thread. What a call that
 * reached the client needs is marked with that condition; the next step's date is refused in the past.
 * R31.callback: when to call again is always asked; the domain requires it after a first miss, ≥ 30 minutes on.
 */
export const logCall: FormUseCase = {
  specFor(services, _caller, target) {
    const { spec } = logCall;
    const fields = spec.fields
      .filter((field) => field.id !== EMAIL_SUMMARY || canEmailSummary(services, target))
      // R31.callback: only the first miss must name a retry; after that the owner may still plan one.
      .map((field): FieldSpec => (field.id === 'retryAt' && (target.inquiry?.missedCalls ?? 0) > 0 ? { id: field.id, label: field.label, kind: field.kind, required: false } : field));
    return { ...spec, fields };
  },
  spec: {
    id: 'log_call',
    title: 'form.call.title',
    fields: [
      { id: 'outcome', label: 'form.call.outcome', kind: 'choice', required: true, choices: CALL_OUTCOMES.map((value) => ({ value, label: `outcome.${value}` as const })) },
      { id: 'retryAt', label: 'form.call.retry_at', kind: 'datetime', required: 'conditional', hint: 'form.hint.first_miss', requiredWhen: [MISSED] },
      { id: 'summary', label: 'form.call.summary', kind: 'multiline', required: 'conditional', hint: 'form.hint.reached', requiredWhen: [REACHED], limit: CALL.summary },
      { id: 'clientExpectation', label: 'form.call.expectation', kind: 'multiline', required: 'conditional', hint: 'form.hint.reached', requiredWhen: [REACHED], limit: CALL.clientExpectation },
      { id: 'alternativesOffered', label: 'form.call.alternatives', kind: 'multiline', required: false, limit: CALL.alternativesOffered },
      { id: 'risksExplained', label: 'form.call.risks', kind: 'multiline', required: false, limit: CALL.risksExplained },
      { id: 'nextStep', label: 'form.call.next_step', kind: 'text', required: false, limit: CALL.nextStep },
      { id: 'nextStepDue', label: 'form.call.next_step_due', kind: 'datetime', required: 'conditional', hint: 'form.hint.next_step', requiredWhen: [REACHED, { field: 'nextStep', filled: true }] },
      { id: EMAIL_SUMMARY, label: 'form.call.email_summary', kind: 'toggle', required: false },
    ],
  },
  async submit(services, { actor, language }, target, values) {
    const outcome = text(values, 'outcome') as CallOutcome;
    const retryAt = date(values, 'retryAt');
    const inquiry = await services.calls.logCall(inquiryOf(target).id, actor.id, {
      outcome,
      summary: text(values, 'summary'),
      clientExpectation: text(values, 'clientExpectation'),
      alternativesOffered: text(values, 'alternativesOffered'),
      risksExplained: text(values, 'risksExplained'),
      nextStep: text(values, 'nextStep'),
      nextStepDue: date(values, 'nextStepDue'),
      emailSummaryToClient: canEmailSummary(services, target) && toggled(values, EMAIL_SUMMARY),
      retryAt,
    });
    const number = inquiry.registryNumber;
    return isMissed(outcome) && retryAt
      ? translate(language, 'reply.retry_scheduled', { number, when: whenText(services, language, retryAt) })
      : translate(language, 'reply.call_logged', { number });
  },
};

/** R14.holding-reply: the promised date becomes the resolution deadline; a date the domain refuses is shown beside it. */
export const holdingReply: FormUseCase = {
  spec: {
    id: 'holding_reply',
    title: 'form.holding.title',
    fields: [{ id: 'promisedBy', label: 'form.holding.promised_by', kind: 'datetime', required: true }],
    refusalField: 'promisedBy',
  },
  async submit(services, { actor, language }, target, values) {
    const promisedBy = requiredDate(values, 'promisedBy');
    const inquiry = await services.inquiries.sendHoldingReply(inquiryOf(target).id, actor.id, promisedBy);
    return translate(language, 'reply.holding_sent', { number: inquiry.registryNumber, due: whenText(services, language, promisedBy) });
  },
};

/** R54.escalate-unresolved / R58.incident: raised to the direct manager; the notifier delivers it. */
export const escalate: FormUseCase = {
  spec: {
    id: 'escalate',
    title: 'form.escalation.title',
    fields: [
      { id: 'type', label: 'form.escalation.type', kind: 'choice', required: true, choices: ESCALATION_TYPES.map((value) => ({ value, label: `form.escalation.${value}` as const })) },
      { id: 'whatHappened', label: 'form.escalation.what_happened', kind: 'multiline', required: true, limit: ESCALATION.whatHappened },
      { id: 'clientToldWhat', label: 'form.escalation.client_told', kind: 'multiline', required: 'conditional', hint: 'form.hint.conflict', requiredWhen: [CONFLICT], limit: ESCALATION.clientToldWhat },
      { id: 'followUpAt', label: 'form.escalation.follow_up', kind: 'datetime', required: 'conditional', hint: 'form.hint.conflict', requiredWhen: [CONFLICT] },
    ],
  },
  async submit(services, { actor, language }, target, values) {
    const inquiry = inquiryOf(target);
    await services.escalations.raise(inquiry.id, actor.id, {
      type: text(values, 'type') as EscalationType,
      whatHappened: text(values, 'whatHappened'),
      clientToldWhat: text(values, 'clientToldWhat'),
      followUpAt: date(values, 'followUpAt'),
    });
    return translate(language, 'reply.escalated', { number: inquiry.registryNumber });
  },
};

/**
 * R14.reply-1wd / R36.signature: the owner's e-mail to the client; the signature is checked before the form
 * opens (and added by the domain, not typed). Opened from "did not answer twice", it starts as the draft (R31.callback).
 */
export const replyEmail: FormUseCase = {
  spec: {
    id: 'reply_email',
    title: 'form.reply.title',
    fields: [{ id: 'text', label: 'form.reply.text', kind: 'multiline', required: true, limit: { max: TEXT_LIMITS.reply } }],
    refusalField: 'text',
  },
  before: (services, { actor }) => services.messaging.assertCanSign(actor.id),
  async initial(services, _caller, target, context): Promise<FormValues> {
    if (context.prefill?.draft !== 'missed_call') return {};
    return { text: (await services.clientChannel.missedCallDraft(inquiryOf(target).id)).text };
  },
  async submit(services, { actor, language }, target, values) {
    const inquiry = inquiryOf(target);
    await services.messaging.replyToClient(inquiry.id, actor.id, text(values, 'text'));
    return translate(language, 'reply.email_queued', { number: inquiry.registryNumber });
  },
};

/** R19.status: the note is recorded; the notifier's offer to tell the client is the confirmation (D26). */
export const recordProgress: FormUseCase = {
  spec: {
    id: 'record_progress',
    title: 'form.progress.title',
    shortTitle: 'slack.form.progress_title',
    fields: [
      { id: 'note', label: 'form.progress.note', kind: 'multiline', required: true, limit: PROGRESS.note },
      { id: 'stage', label: 'form.progress.stage', kind: 'choice', required: true, expanded: true, choices: PROGRESS_STAGES.map((value) => ({ value, label: `form.progress.${value}` as const })) },
    ],
  },
  initial: async () => ({ stage: 'intermediate' }),
  async submit(services, { actor }, target, values) {
    await services.inquiries.recordProgress(inquiryOf(target).id, actor.id, { note: text(values, 'note'), stage: text(values, 'stage') as ProgressStage });
    return null;
  },
};

/**
 * R55.same-channel: a written answer on paper; the signature is checked before the form opens (R36.signature).
 * The notifier's DM with the link to the printable letter is the confirmation, once (D17, D26).
 */
export const writeLetter: FormUseCase = {
  spec: {
    id: 'write_letter',
    title: 'form.letter.title',
    fields: [{ id: 'text', label: 'form.letter.text', kind: 'multiline', required: true, limit: { max: TEXT_LIMITS.letter } }],
    refusalField: 'text',
  },
  before: (services, { actor }, target) => services.clientChannel.assertCanAnswer(actor.id, inquiryOf(target).id, 'letter'),
  async submit(services, { actor }, target, values) {
    await services.clientChannel.issueLetter(inquiryOf(target).id, actor.id, text(values, 'text'));
    return null;
  },
};
