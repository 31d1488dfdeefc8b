import { randomUUID } from 'node:crypto';

let forms = 0;

/** What a parent posts through the public form (JSON): a fresh submission with a distinct address each call. */
export function webFormFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  forms += 1;
  return {
    submissionId: randomUUID(),
    name: 'Giedrė Žemaitienė',
    email: `tevai${forms}@example.lt`,
    language: 'lt',
    kind: 'question',
    subject: `Dėl vietos darželyje ${forms}`,
    message: 'Laba diena, ar rugsėjį bus laisvų vietų grupėje „Drugeliai“?',
    consent: true,
    ...overrides,
  };
}

/** `POST /inquiries` with JSON, as another system or a script sends it. */
export function postWebForm(url: string, fields: Record<string, unknown>): Promise<Response> {
  return fetch(`${url}/inquiries`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) });
}
