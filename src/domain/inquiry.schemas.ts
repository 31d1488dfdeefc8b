import { z } from 'zod';
import { PROGRESS_STAGES } from './events.js';
import { CHANNELS, INQUIRY_KINDS } from './inquiry.js';
import { storableText } from './storable-text.js';
import { FIELD_REASONS } from './validation.js';

/** The longest postal address (several lines: street, postcode and town, country) a letter is posted to. */
export const POSTAL_ADDRESS_MAX = 500;

/**
 * What any intake path (e-mail, web form, staff in chat) supplies to register an inquiry. Free text is made
 * storable here, once for every path (a NUL from a form or an e-mail is the input's problem, not the database's).
 */
export const registerInquirySchema = z
  .object({
    kind: z.enum(INQUIRY_KINDS),
    channel: z.enum(CHANNELS),
    externalId: storableText().trim().min(1).max(500).nullable().default(null),
    client: z.object({
      name: storableText().trim().min(1).max(200),
      email: z.email().max(320).nullable().default(null),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[0-9 ()-]{5,20}$/, FIELD_REASONS.phone)
        .nullable()
        .default(null),
      /** R55.same-channel: the address a letter is posted to; optional at registration, printed on the letter. */
      postalAddress: storableText().trim().min(1).max(POSTAL_ADDRESS_MAX).nullable().default(null),
      language: z
        .string()
        .regex(/^[a-z]{2,3}$/)
        .default('lt'),
    }),
    subject: storableText().trim().min(1).max(300),
    body: storableText().max(100_000).default(''),
    receivedAt: z.coerce.date(),
    /** Staff member who registered a phone, in-person or letter inquiry. */
    registeredById: z.string().uuid().nullable().default(null),
  })
  .refine((input) => input.client.email !== null || input.client.phone !== null || input.channel === 'in_person' || input.channel === 'letter', {
    message: 'A client needs an e-mail address or a phone number to be answered',
    path: ['client'],
  });

export type RegisterInquiryInput = z.input<typeof registerInquirySchema>;
export type RegisterInquiryCommand = z.output<typeof registerInquirySchema>;

/** R19.status: what the owner records as an intermediate result or a decision. */
export const recordProgressSchema = z.object({
  note: storableText().trim().min(1).max(3000),
  stage: z.enum(PROGRESS_STAGES).default('intermediate'),
});
export type RecordProgressInput = z.input<typeof recordProgressSchema>;
