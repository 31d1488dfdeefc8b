import type { ClientContact } from './inquiry.js';

/**
 * A client as a person, across inquiries (issue #15, subject access and erasure): by e-mail address (compared without
 * case) or by phone number (compared by its digits in international form). Names are never a key: two parents may
 * share one, and a typo must not hand one family's data to another.
 */
export type PersonKey = { readonly kind: 'email'; readonly value: string } | { readonly kind: 'phone'; readonly value: string };

const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;
/** What a person types as a phone number: digits, an optional leading +, spaces, dashes, dots, brackets. */
const PHONE = /^\+?[0-9 ().-]{5,24}$/;

/** `+37061234567`: a phone number in the one form it is compared in, or null when the text is not one. */
export function normalisePhone(text: string | null | undefined): string | null {
  if (!text || !PHONE.test(text.trim())) return null;
  let digits = text.replace(/\D/g, '');
  const international = text.trim().startsWith('+') || digits.startsWith('00');
  if (digits.startsWith('00')) digits = digits.slice(2);
  if (!international) {
    // Lithuanian numbers written nationally: the trunk prefix 8 (8 612 34567), or the country code without a plus.
    if (digits.length === 9 && digits.startsWith('8')) digits = `370${digits.slice(1)}`;
    else if (digits.length === 8) digits = `370${digits}`;
  }
  return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null;
}

/** An e-mail address in the one form it is compared in (trimmed, lower case), or null when the text is not one. */
export function normaliseEmail(text: string | null | undefined): string | null {
  const trimmed = text?.trim().toLowerCase() ?? '';
  return EMAIL.test(trimmed) ? trimmed : null;
}

/** What an admin typed (`/inquiry export …`) as a person's key, or null when it is neither an e-mail nor a phone. */
export function personKeyOf(text: string): PersonKey | null {
  const email = normaliseEmail(text);
  if (email) return { kind: 'email', value: email };
  const phone = normalisePhone(text);
  return phone ? { kind: 'phone', value: phone } : null;
}

/** The key as one line (`email:giedre@example.lt`, `phone:+37061234567`): how a stored request keeps it. */
export function personKeyText(key: PersonKey): string {
  return `${key.kind}:${key.value}`;
}

/** The key back from its line, or null when the line is not one. */
export function parsePersonKeyText(text: string): PersonKey | null {
  const [kind, ...rest] = text.split(':');
  const value = rest.join(':');
  if (kind === 'email') return normaliseEmail(value) === value ? { kind, value } : null;
  if (kind === 'phone') return normalisePhone(value) === value ? { kind, value } : null;
  return null;
}

/**
 * Whether an inquiry's client is the person. The one matcher of subject access and erasure: an adapter may narrow
 * its query first, but every candidate passes through here, so both always agree on who a person is.
 */
export function isPerson(client: Pick<ClientContact, 'email' | 'phone'>, key: PersonKey): boolean {
  return key.kind === 'email' ? normaliseEmail(client.email) === key.value : normalisePhone(client.phone) === key.value;
}

/** The last eight digits of a normalised phone: what an index-friendly query narrows candidates by. */
export function phoneTail(phone: string): string {
  return phone.replace(/\D/g, '').slice(-8);
}
