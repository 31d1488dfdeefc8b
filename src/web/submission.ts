import { z } from 'zod';
import { INQUIRY_KINDS } from '../domain/inquiry.js';
import { storableText } from '../domain/storable-text.js';

export const FORM_FIELDS = ['name', 'email', 'phone', 'language', 'kind', 'subject', 'message', 'consent'] as const;
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
    subject: storableText().trim().min(1).max(300),
    message: storableText().trim().min(1).max(10_000),
    consent: z.union([z.literal('on'), z.literal('true'), z.literal(true)]),
  })
  .refine((form) => form.email !== null || form.phone !== null, { path: ['email'], message: 'contact' });

export type Submission = z.output<typeof submissionSchema>;

/**
 * Which fields failed; the page words each problem itself. The contact rule is checked here as well,
 * because zod runs an object's refinement only once every field has passed.
 */
export function invalidFields(error: z.ZodError, posted: Record<string, unknown>): Set<FormField | 'form'> {
  const fields = new Set<FormField | 'form'>();
  if (!posted.email && !posted.phone) fields.add('email');
  for (const issue of error.issues) {
    const field = issue.path[0];
    fields.add(FORM_FIELDS.includes(field as FormField) ? (field as FormField) : 'form');
  }
  return fields;
}
