import { z } from 'zod';
import { INQUIRY_KINDS } from '../domain/inquiry.js';
import { POSTAL_ADDRESS_MAX } from '../domain/inquiry.schemas.js';
import { storableText } from '../domain/storable-text.js';

export const FORM_FIELDS = ['name', 'email', 'phone', 'language', 'kind', 'postalAddress', 'subject', 'message', 'consent'] as const;
export type FormField = (typeof FORM_FIELDS)[number];

// Text is cleaned before it is checked (storable-text.ts): a NUL in a name or message is dropped and the rest
// registered, while a field of nothing but NULs is empty and refused at that field.
const optionalText = storableText()
  .trim()
  .optional()
  .transform((value) => (value ? value : null));

/** What the public form posts (form-encoded or JSON); `website` is the honeypot nobody human fills. */
export const submissionSchema = z
  .object({
    submissionId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
    name: storableText().trim().min(1).max(200),
    email: optionalText.pipe(z.email().max(320).nullable()),
    phone: optionalText.pipe(z.string().regex(/^\+?[0-9 ()-]{5,20}$/).nullable()),
    language: z.enum(['lt', 'en']),
    kind: z.enum(INQUIRY_KINDS),
    postalAddress: optionalText.pipe(z.string().max(POSTAL_ADDRESS_MAX).nullable()),
    subject: storableText().trim().min(1).max(300),
    message: storableText().trim().min(1).max(10_000),
    consent: z.union([z.literal('on'), z.literal('true'), z.literal(true)]),
  })
  .refine((form) => form.email !== null || form.phone !== null, { path: ['email'], message: 'contact' })
  .refine((form) => !needsPostalAddress(form), { path: ['postalAddress'], message: 'postal' });

/**
 * R55.same-channel: a written complaint is answered in writing. The form is written, so a complaint is answered
 * by e-mail (answer-channel.ts) — or, when the client gives no e-mail address, by a letter, which needs the
 * address to post it to. Questions and requests without e-mail are answered by phone: there the address is optional.
 */
export function needsPostalAddress(form: { kind?: unknown; email?: unknown; postalAddress?: unknown }): boolean {
  return form.kind === 'complaint' && !form.email && !form.postalAddress;
}

export type Submission = z.output<typeof submissionSchema>;

/**
 * Which fields failed; the page words each problem itself. The contact rule is checked here as well,
 * because zod runs an object's refinement only once every field has passed.
 */
export function invalidFields(error: z.ZodError, posted: Record<string, unknown>): Set<FormField | 'form'> {
  const fields = new Set<FormField | 'form'>();
  if (!posted.email && !posted.phone) fields.add('email');
  if (needsPostalAddress({ ...posted, postalAddress: typeof posted.postalAddress === 'string' ? posted.postalAddress.trim() : posted.postalAddress })) fields.add('postalAddress');
  for (const issue of error.issues) {
    const field = issue.path[0];
    fields.add(FORM_FIELDS.includes(field as FormField) ? (field as FormField) : 'form');
  }
  return fields;
}
