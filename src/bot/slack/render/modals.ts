import { CALL_OUTCOMES } from '../../../domain/call-log.js';
import { ESCALATION_TYPES } from '../../../domain/escalation.js';
import { INQUIRY_KINDS, type Inquiry } from '../../../domain/inquiry.js';
import { translate, type Language } from '../../core/i18n/index.js';
import type { ModalView } from './block-types.js';
import { checkbox, dateTime, modal, option, select, textInput } from './form-parts.js';
import { clip } from './text.js';

/** Channels staff register by hand (R7.channels); e-mail and the web form register themselves. */
export const STAFF_CHANNELS = ['phone', 'in_person', 'letter'] as const;
export const CLIENT_LANGUAGES = ['lt', 'en', 'ru', 'pl', 'uk'] as const;

export const CALLBACKS = {
  logCall: 'log_call',
  holdingReply: 'holding_reply',
  escalate: 'escalate',
  newInquiry: 'new_inquiry',
  replyEmail: 'reply_email',
  scheduleCall: 'schedule_call',
  planMeeting: 'plan_meeting',
  minutes: 'record_minutes',
  summary: 'send_summary',
  externalStep: 'external_step',
  decision: 'record_decision',
  progress: 'record_progress',
  letter: 'write_letter',
} as const;

/** Slack's most for a plain-text input; the domain allows longer texts, but a modal cannot hold them. */
export const TEXT_MAX = 3000;

/**
 * R44.call-notes / R16.expectations: the post-call summary; block ids are the call log's field names.
 * R31.callback: when to call again is always asked; the domain requires it after a first miss.
 */
export function callLogModal(inquiry: Inquiry, language: Language): ModalView {
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
  return modal(CALLBACKS.logCall, `${t('form.call.title')}`, [
    select('outcome', t('form.call.outcome'), CALL_OUTCOMES.map((outcome) => option(outcome, t(`outcome.${outcome}`))), language),
    dateTime('retryAt', t('form.call.retry_at'), { optional: true }),
    textInput('summary', t('form.call.summary'), { multiline: true, optional: true, max: 3000 }),
    textInput('clientExpectation', t('form.call.expectation'), { multiline: true, optional: true, max: 1000 }),
    textInput('alternativesOffered', t('form.call.alternatives'), { multiline: true, optional: true, max: 1000 }),
    textInput('risksExplained', t('form.call.risks'), { multiline: true, optional: true, max: 1000 }),
    textInput('nextStep', t('form.call.next_step'), { optional: true, max: 1000 }),
    dateTime('nextStepDue', t('form.call.next_step_due'), { optional: true }),
    checkbox('emailSummaryToClient', t('form.call.email_summary'), t('form.call.email_summary')),
  ], { inquiryId: inquiry.id, number: inquiry.registryNumber }, language);
}

/** R14.holding-reply: the date promised to the client. */
export function holdingReplyModal(inquiry: Inquiry, language: Language): ModalView {
  return modal(CALLBACKS.holdingReply, translate(language, 'form.holding.title'), [
    dateTime('promisedBy', translate(language, 'form.holding.promised_by')),
  ], { inquiryId: inquiry.id, number: inquiry.registryNumber }, language);
}

/**
 * R14.reply-1wd / R36.signature: the owner's e-mail to the client; the signature is added by the domain, not typed.
 * `draft`: a text to start from (R31.callback), already in the client's language.
 */
export function replyEmailModal(inquiry: Inquiry, language: Language, draft = ''): ModalView {
  return modal(CALLBACKS.replyEmail, translate(language, 'form.reply.title'), [
    textInput('text', translate(language, 'form.reply.text'), { multiline: true, max: TEXT_MAX, initial: clip(draft, TEXT_MAX) }),
  ], { inquiryId: inquiry.id, number: inquiry.registryNumber }, language);
}

/** R54.escalate-unresolved / R58.incident: what the manager needs to act. */
export function escalationModal(inquiry: Inquiry, language: Language): ModalView {
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
  return modal(CALLBACKS.escalate, t('form.escalation.title'), [
    select('type', t('form.escalation.type'), ESCALATION_TYPES.map((type) => option(type, t(`form.escalation.${type}`))), language),
    textInput('whatHappened', t('form.escalation.what_happened'), { multiline: true, max: 3000 }),
    textInput('clientToldWhat', t('form.escalation.client_told'), { multiline: true, optional: true, max: 2000 }),
    dateTime('followUpAt', t('form.escalation.follow_up'), { optional: true }),
  ], { inquiryId: inquiry.id, number: inquiry.registryNumber }, language);
}

/** R7.channels: a phone call, a visit or a letter registered by the staff member who took it. */
export function newInquiryModal(language: Language): ModalView {
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
  return modal(CALLBACKS.newInquiry, t('form.new.title'), [
    select('kind', t('form.new.kind'), INQUIRY_KINDS.map((kind) => option(kind, t(`kind.${kind}`))), language),
    select('channel', t('form.new.channel'), STAFF_CHANNELS.map((channel) => option(channel, t(`channel.${channel}`))), language, { initial: 'phone' }),
    textInput('client.name', t('form.new.client_name'), { max: 200 }),
    textInput('client.email', t('form.new.client_email'), { optional: true, max: 320 }),
    textInput('client.phone', t('form.new.client_phone'), { optional: true, max: 20 }),
    select('client.language', t('form.new.language'), CLIENT_LANGUAGES.map((code) => option(code, code.toUpperCase())), language, { initial: 'lt' }),
    textInput('subject', t('form.new.subject'), { max: 300 }),
    textInput('body', t('form.new.body'), { multiline: true, optional: true, max: 3000 }),
  ], {}, language);
}
