import { z } from 'zod';

/**
 * The outer shape of an activity posted to /api/messages, checked before botbuilder sees it. These are the
 * fields botbuilder or our listeners read without checking while they build the turn and its replies; a
 * wrong one there failed as a 500 (a service URL that is no URL, a locale Intl rejects) or threw in a
 * listener. What a listener reads beyond this it parses itself.
 */

/** Replies go to the service URL: it must be somewhere botbuilder can post to. */
const serviceUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}, 'an http(s) URL');

/** A BCP 47 tag such as lt-LT; botbuilder formats with it. */
const locale = z.string().refine((value) => {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}, 'a BCP 47 language tag');

const account = z.looseObject({ id: z.string().min(1), aadObjectId: z.string().optional() });

export const activityEnvelopeSchema = z
  .looseObject({
    type: z.string().min(1),
    name: z.string().min(1).optional(),
    serviceUrl,
    locale: locale.optional(),
    channelId: z.string().optional(),
    conversation: z.looseObject({ id: z.string().min(1) }),
    from: account,
    // Every reply is sent from the recipient, and the listeners compare ids with it.
    recipient: account,
    text: z.string().optional(),
    entities: z.array(z.looseObject({ type: z.string() })).optional(),
    membersAdded: z.array(account).optional(),
    channelData: z.looseObject({}).optional(),
  })
  // Invokes are routed by name alone; one without cannot be answered.
  .refine((activity) => activity.type !== 'invoke' || activity.name !== undefined, { path: ['name'], message: 'an invoke needs a name' });

export type EnvelopeCheck = { ok: true } | { ok: false; problem: string };

/** Paths and codes only in the problem: the values may be a client's words. */
export function checkActivity(value: unknown): EnvelopeCheck {
  const result = activityEnvelopeSchema.safeParse(value);
  if (result.success) return { ok: true };
  return { ok: false, problem: result.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.code}`).join('; ') };
}
