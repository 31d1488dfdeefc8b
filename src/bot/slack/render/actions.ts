/**
 * A button or menu value that names two things: an action and its inquiry (the card's menu), or an inquiry
 * and a part of it (a meeting, an external step, a status note). Ids and action names never hold a colon.
 */
export function pairValue(first: string, second: string): string {
  return `${first}:${second}`;
}

/** The two halves of a `pairValue`; a value without a colon gives an empty second half. */
export function splitPair(value: string): [string, string] {
  const at = value.indexOf(':');
  return at < 0 ? [value, ''] : [value.slice(0, at), value.slice(at + 1)];
}
