/**
 * How Teams' buttons name what they do on the wire: the verbs of Universal Actions (Action.Execute) the click
 * listeners answer, and the data key that names the part of an inquiry a dialog acts on.
 */

/** Verbs of the Universal Actions on inquiry cards; dialogs (forms) open through task modules instead. */
export const INQUIRY_VERBS = {
  claim: 'inquiry.claim',
  details: 'inquiry.details',
  mark_replied: 'inquiry.mark_replied',
  release: 'inquiry.release',
  resolve: 'inquiry.resolve',
  close: 'inquiry.close',
  /** R4.owner: a manager makes a stalled inquiry theirs. */
  take_over: 'inquiry.take_over',
  /** R60.external: the manager acknowledges a client's low rating. */
  acknowledge_rating: 'inquiry.acknowledge_rating',
  /** R19.status: pass a recorded result or decision on to the client. */
  inform_client: 'inquiry.inform_client',
} as const;

/** Which card a click came from, so the answer replaces it with the same kind of card. */
export type CardView = 'announcement' | 'details' | 'notice';

/** Verbs of the escalation buttons (the notices render them from the core's actions, the listeners answer them). */
export const ESCALATION_VERBS = {
  acknowledge: 'escalation.acknowledge',
  take_over: 'escalation.take_over',
  refer_to_head: 'escalation.refer_to_head',
  decide: 'escalation.decide',
} as const;

/** The dialog of a story action and the data key naming what it acts on. */
export const TARGET_KEY = { record_minutes: 'meetingId', send_summary: 'meetingId', record_decision: 'stepId' } as const;
export type TargetDialog = keyof typeof TARGET_KEY;
