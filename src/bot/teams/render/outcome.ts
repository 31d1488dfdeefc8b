import { adaptiveCard, note, type AdaptiveCard, type CardElement } from './elements.js';

/** Buttons that were used give way to what was decided, and to what it offers next (the printable letter). */
export function outcomeCard(title: string, outcome: string, next: CardElement[] = []): AdaptiveCard {
  return adaptiveCard([note(title, { subtle: true }), note(outcome, { color: 'good' })], next);
}
