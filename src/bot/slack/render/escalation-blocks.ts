import type { EscalationSnapshot } from '../../../domain/inquiry.queries.js';
import { fullName } from '../../../domain/staff.js';
import { formatWhen } from '../../core/format-time.js';
import { translate } from '../../core/i18n/index.js';
import type { KnownBlock } from './block-types.js';
import { actionButton } from './inquiry-blocks.js';
import type { Reading } from './notice-blocks.js';
import { fallback, inert, labelled, mrkdwn } from './text.js';

/** What the manager (or the head) needs to judge an escalation: the inquiry, what happened, what the client was told. */
function summaryBlocks(snapshot: EscalationSnapshot, headline: string, reading: Reading): KnownBlock[] {
  const { escalation, inquiry } = snapshot;
  const t = (key: Parameters<typeof translate>[1]) => translate(reading.language, key);
  const facts = [
    labelled(t('card.subject'), inquiry.subject),
    labelled(t('card.client'), inquiry.client.name),
    labelled(t('notice.escalation.what_happened'), escalation.whatHappened),
    ...(escalation.clientToldWhat !== '' ? [labelled(t('notice.escalation.client_told'), escalation.clientToldWhat)] : []),
    ...(escalation.followUpAt ? [labelled(t('notice.escalation.follow_up'), formatWhen(escalation.followUpAt, reading.language, reading.now, reading.zone))] : []),
  ];
  return [{ type: 'section', text: mrkdwn(`${escalation.type === 'incident' ? ':rotating_light: ' : ':warning: '}*${inert(headline)}*`) }, { type: 'section', fields: facts }];
}

/**
 * R54.escalate-unresolved / R58.incident: the DM to the direct manager. Once acted on, `outcome` replaces
 * the buttons in place so nobody clicks a decision twice.
 */
export function escalationBlocks(snapshot: EscalationSnapshot, reading: Reading, outcome: string | null): { text: string; blocks: KnownBlock[] } {
  const { escalation, inquiry } = snapshot;
  const t = (key: Parameters<typeof translate>[1]) => translate(reading.language, key);
  const text = translate(reading.language, `notice.escalated.${escalation.type}`, { raiser: fullName(snapshot.raisedBy), number: inquiry.registryNumber });
  const buttons = [
    actionButton({ id: 'escalation_acknowledge', label: t('action.acknowledge') }, escalation.id),
    actionButton({ id: 'escalation_take_over', label: t('action.take_over'), style: 'primary' }, escalation.id),
    ...(escalation.type === 'incident' ? [actionButton({ id: 'escalation_refer', label: t('action.refer_to_head'), style: 'danger' }, escalation.id)] : []),
    actionButton({ id: 'details', label: t('action.open') }, inquiry.id),
  ];
  return { text: fallback(text), blocks: [...summaryBlocks(snapshot, text, reading), outcomeOr(outcome, buttons)] };
}

/** R58.incident: the head decides whether to report to the competent authorities. */
export function headDecisionBlocks(snapshot: EscalationSnapshot, managerName: string, reading: Reading, outcome: string | null): { text: string; blocks: KnownBlock[] } {
  const t = (key: Parameters<typeof translate>[1]) => translate(reading.language, key);
  const text = translate(reading.language, 'notice.escalation.referred', { manager: managerName, number: snapshot.inquiry.registryNumber });
  const buttons = [
    actionButton({ id: 'escalation_report', label: t('action.report'), style: 'danger' }, snapshot.escalation.id),
    actionButton({ id: 'escalation_do_not_report', label: t('action.do_not_report') }, snapshot.escalation.id),
    actionButton({ id: 'details', label: t('action.open') }, snapshot.inquiry.id),
  ];
  return { text: fallback(text), blocks: [...summaryBlocks(snapshot, text, reading), outcomeOr(outcome, buttons)] };
}

function outcomeOr(outcome: string | null, buttons: ReturnType<typeof actionButton>[]): KnownBlock {
  return outcome === null
    ? { type: 'actions', block_id: 'escalation_actions', elements: buttons }
    : { type: 'context', elements: [mrkdwn(`:heavy_check_mark: ${inert(outcome)}`)] };
}
