import { parse as parseQueryString, type ParsedUrlQuery } from 'node:querystring';
import { z } from 'zod';
import { parseJson } from '../../http/request-body.js';

/**
 * The outer shape of what Slack posts to /slack/events, checked before Bolt sees it. Bolt reads some fields
 * without checking them while it routes a request and finds its team and user, before any listener (and its
 * error handler) runs: `null` there, or a string where it expects an object, throws inside Bolt — a 500, or
 * for a body that is not an object at all an unhandled rejection that ends the process. The listeners parse
 * the rest of their payload themselves.
 */

const FORM = 'application/x-www-form-urlencoded';

const named = z.looseObject({ id: z.string() });

/** A field that must not be there at all (zod 4 wants `.optional()` for a key that may be missing). */
const absent = z.undefined().optional();

/**
 * Bolt picks the kind of a request by which of these fields is present before it looks at `type` (an `event`
 * makes anything an event, a `name` an options request): an interaction must not carry the others' marks.
 */
const notRoutedElsewhere = { event: absent, command: absent, name: absent };

/** What every interaction carries: who clicked, in which team, maybe where. */
const interaction = {
  ...notRoutedElsewhere,
  user: z.looseObject({ id: z.string(), team_id: z.string().optional() }),
  team: named.nullish(),
  enterprise: named.nullish(),
  channel: named.optional(),
};

const view = z.looseObject({ id: z.string(), app_installed_team_id: z.string().optional() });

/** The JSON in an interactivity post's `payload` field. */
export const interactionSchema = z.discriminatedUnion('type', [
  z.looseObject({ ...interaction, type: z.literal('block_actions'), actions: z.array(z.looseObject({ action_id: z.string() })).min(1) }),
  z.looseObject({ ...interaction, type: z.literal('block_suggestion'), action_id: z.string() }),
  z.looseObject({ ...interaction, type: z.enum(['view_submission', 'view_closed']), actions: absent, view }),
  z.looseObject({ ...interaction, type: z.enum(['shortcut', 'message_action']), actions: absent, callback_id: z.string() }),
]);

/** A slash command: plain form fields, no `payload`. */
export const commandSchema = z.looseObject({
  command: z.string().startsWith('/'),
  user_id: z.string(),
  channel_id: z.string().optional(),
  team_id: z.string().optional(),
  text: z.string().optional(),
});

/** Bolt looks into these parts of an event to find its channel and user. */
const event = z.looseObject({
  type: z.string(),
  user: z.union([z.string(), z.looseObject({ id: z.string().optional() })]).optional(),
  channel: z.union([z.string(), z.looseObject({})]).optional(),
  item: z.looseObject({}).optional(),
  subteam: z.looseObject({}).optional(),
});

/** A JSON post: Events API callbacks and the one-off URL check when the request URL is set. */
export const eventEnvelopeSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('url_verification'), challenge: z.string() }),
  z.looseObject({
    type: z.literal('event_callback'),
    event,
    team_id: z.string().optional(),
    authorizations: z.array(z.looseObject({ team_id: z.string().nullish(), enterprise_id: z.string().nullish() })).optional(),
  }),
]);

export type EnvelopeCheck = { ok: true } | { ok: false; problem: string };

/**
 * Checks a signed body the way Bolt will read it: a form post only with exactly Bolt's content type (anything
 * else is parsed as JSON), its `payload` field as JSON when it is one string, otherwise as a slash command.
 */
export function checkEnvelope(rawBody: string, contentType: string | undefined): EnvelopeCheck {
  if (contentType !== FORM) return verdict(eventEnvelopeSchema, parseJson(rawBody));
  return checkFormFields(parseQueryString(rawBody));
}

/** A form post's fields, already parsed (the route parses them once, to find an `ssl_check`). */
export function checkFormFields(fields: ParsedUrlQuery): EnvelopeCheck {
  if (fields.payload === undefined) return verdict(commandSchema, fields);
  if (typeof fields.payload !== 'string') return { ok: false, problem: 'payload: one field expected' };
  return verdict(interactionSchema, parseJson(fields.payload));
}

function verdict(schema: z.ZodType, value: unknown): EnvelopeCheck {
  if (value === undefined) return { ok: false, problem: 'not JSON' };
  const result = schema.safeParse(value);
  if (result.success) return { ok: true };
  // Paths and codes only: the values may be a client's words.
  return { ok: false, problem: result.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.code}`).join('; ') };
}
