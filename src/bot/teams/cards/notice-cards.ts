import { adaptiveCard, note, type AdaptiveCard, type CardElement } from './elements.js';

/** Verbs of the escalation buttons (the notices render them from the core's actions, the listeners answer them). */
export const ESCALATION_VERBS = {
  acknowledge: 'escalation.acknowledge',
  take_over: 'escalation.take_over',
  refer_to_head: 'escalation.refer_to_head',
  decide: 'escalation.decide',
} as const;

/** Buttons that were used give way to what was decided, and to what it offers next (the printable letter). */
export function outcomeCard(title: string, outcome: string, next: CardElement[] = []): AdaptiveCard {
  return adaptiveCard([note(title, { subtle: true }), note(outcome, { color: 'good' })], next);
}
