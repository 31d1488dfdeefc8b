import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Config } from '../config.js';
import { clientChannelOf } from '../domain/answer-channel.js';
import { DomainError } from '../domain/errors.js';
import type { InquiryService } from '../domain/inquiry.service.js';
import { basePathOf, sendJson, type HttpServer } from '../http/server.js';
import type { Logger } from '../logger.js';
import { confirmationPage, formPage, problemPage, type PublicSite } from './pages.js';
import { RateLimiter } from './rate-limit.js';
import { BodyTooLargeError, readFields } from './request-body.js';
import { FORM_FIELDS, invalidFields, submissionSchema, type FormField } from './submission.js';
import { webLanguage } from './messages.js';

/** Generous for 10,000 characters of Lithuanian text, form-encoded (up to 9 bytes a letter). */
const MAX_BODY_BYTES = 128 * 1024;
const RATE_WINDOW_MS = 10 * 60_000;

export interface WebFormDependencies {
  config: Config;
  /** What the pages say about the institution whose form it is (its settings, issue #17); `base` is added per request. */
  site(): Omit<PublicSite, 'base'>;
  logger: Logger;
  inquiries: InquiryService;
  /** Whether acknowledgements go out, so the success page does not promise an e-mail that never comes. */
  acknowledgesByEmail(): boolean;
}

/**
 * The public intake page (R7.channels, R64.publish): `GET /` shows the form, `POST /inquiries` registers
 * through the same `inquiries.register` as every other intake path. Issue #17: every institution has its own at
 * `/<short name>/`, with its name, letterhead and procedure link; `/` is the first institution's.
 */
export function mountWebForm(http: HttpServer, deps: WebFormDependencies): void {
  const { config, logger, inquiries } = deps;
  const limiter = new RateLimiter(config.WEB_FORM_RATE_LIMIT, RATE_WINDOW_MS);
  if (!config.PROCEDURE_URL) logger.warn('PROCEDURE_URL is not set: the web form cannot link to the published procedure (R64.publish)');
  if (!config.PRIVACY_URL) logger.warn('PRIVACY_URL is not set: the web form cannot link to the privacy notice beside its consent checkbox');
  const siteOf = (request: http.IncomingMessage): PublicSite => ({ ...deps.site(), base: basePathOf(request) });

  http.routeForEach('GET', '/', async (request, response) => {
    const site = siteOf(request);
    const language = webLanguage(new URL(request.url ?? '/', 'http://localhost').searchParams.get('lang'));
    // A fresh id per page view: a double submit of this page registers one inquiry.
    const state = { language, submissionId: randomUUID(), values: { language }, invalid: new Set<FormField>() };
    sendHtml(response, 200, formPage(state, site));
  });

  http.routeForEach('POST', '/inquiries', async (request, response) => {
    const site = siteOf(request);
    let fields: Record<string, unknown>;
    let json = (request.headers['content-type'] ?? '').startsWith('application/json');
    try {
      ({ fields, json } = await readFields(request, MAX_BODY_BYTES));
    } catch (error) {
      const tooLarge = error instanceof BodyTooLargeError;
      if (json) return sendJson(response, tooLarge ? 413 : 400, { error: tooLarge ? 'too_large' : 'invalid_body' });
      return sendHtml(response, tooLarge ? 413 : 400, problemPage('lt', tooLarge ? 'tooLarge' : 'failed', site));
    }
    const language = webLanguage(fields.lang ?? fields.language);

    if (typeof fields.website === 'string' && fields.website !== '') {
      logger.info('web form honeypot filled: submission dropped');
      if (json) return sendJson(response, 202, { status: 'received' });
      return sendHtml(response, 200, confirmationPage({ language, registryNumber: null, replyDue: null, emailed: false }, site));
    }

    const parsed = submissionSchema.safeParse(fields);
    if (!parsed.success) {
      if (json) return sendJson(response, 400, { error: 'invalid', fields: [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))] });
      const invalid = invalidFields(parsed.error, fields);
      const values = Object.fromEntries(FORM_FIELDS.filter((field) => typeof fields[field] === 'string').map((field) => [field, fields[field] as string]));
      const submissionId = typeof fields.submissionId === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(fields.submissionId) ? fields.submissionId : randomUUID();
      return sendHtml(response, 400, formPage({ language, submissionId, values, invalid }, site));
    }

    if (!limiter.take(clientAddress(request, config.TRUST_PROXY))) {
      if (json) return sendJson(response, 429, { error: 'rate_limited' });
      return sendHtml(response, 429, problemPage(language, 'tooMany', site));
    }

    const form = parsed.data;
    const registration = inquiries.register({
      kind: form.kind,
      channel: 'web',
      externalId: `web:${form.submissionId}`,
      client: { name: form.name, email: form.email, phone: form.phone, postalAddress: form.postalAddress, language: form.language },
      subject: form.subject,
      body: form.message,
      receivedAt: new Date(),
    });
    const result = await registration.catch((error: unknown) => {
      // The domain's own checks go further than the form's; what they refuse is the client's to correct (4xx).
      if (error instanceof DomainError && error.code === 'INPUT.INVALID') return error;
      // The logger's error serializer keeps the query's parameters (the client's data) out of this line.
      logger.error({ err: error }, 'web form inquiry not registered');
      return null;
    });
    if (result instanceof DomainError) {
      const fields = ((result.details.fields ?? []) as { path: string }[]).map((field) => field.path);
      logger.info({ code: result.code, fields }, 'web form inquiry refused by the domain checks');
      if (json) return sendJson(response, 400, { error: 'invalid', fields });
      return sendHtml(response, 400, problemPage(language, 'failed', site));
    }
    if (!result) {
      if (json) return sendJson(response, 500, { error: 'internal_error' });
      return sendHtml(response, 500, problemPage(language, 'failed', site));
    }
    const { inquiry, created } = result;
    logger.info({ inquiryId: inquiry.id, created }, 'web form inquiry registered');
    const emailed = deps.acknowledgesByEmail() && inquiry.client.email !== null;
    if (json) {
      return sendJson(response, created ? 201 : 200, { registryNumber: inquiry.registryNumber, replyDue: inquiry.firstReplyDue.toISOString() });
    }
    const page = confirmationPage(
      { language, registryNumber: inquiry.registryNumber, replyDue: inquiry.firstReplyDue, emailed, byPost: clientChannelOf(inquiry) === 'letter' },
      site,
    );
    sendHtml(response, 200, page);
  });
}

function clientAddress(request: http.IncomingMessage, trustProxy: boolean): string {
  const forwarded = request.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string') return forwarded.split(',')[0]!.trim();
  return request.socket.remoteAddress ?? 'unknown';
}

function sendHtml(response: http.ServerResponse, status: number, html: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    // No script, no framing, posts only to ourselves.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'cache-control': 'no-store',
  });
  response.end(html);
}
