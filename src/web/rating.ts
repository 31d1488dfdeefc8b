import type http from 'node:http';
import { DomainError } from '../domain/errors.js';
import { RATING_COMMENT_MAX, RATING_TOKEN_PATTERN, RatingClosedError, type RatingClosedReason } from '../domain/rating.js';
import type { RatingLinkView, RatingService } from '../domain/rating.service.js';
import { ClientGoneError, RequestRefusedError } from '../http/request-body.js';
import { basePathOf, type HttpServer, type RouteHandler } from '../http/server.js';
import type { Logger } from '../logger.js';
import { ratingFormPage, ratingLanguage, ratingRefusalPage, ratingThanksPage, type RatingLanguage, type RatingRefusal, type RatingSite } from './rating-page.js';
import { BodyTooLargeError, readFields } from './request-body.js';

/** The rating page's path; the token follows it (`/rating/<token>?score=N`). */
export const RATING_PATH = '/rating';

/** A comment of 2,000 Lithuanian letters, form-encoded (up to 9 bytes a letter), and the rest of the form. */
const MAX_BODY_BYTES = 32 * 1024;

export interface RatingPageDependencies {
  ratings: Pick<RatingService, 'view' | 'answer'>;
  logger: Logger;
  /** The institution whose rating this is (its name and contacts, issue #17). */
  site(): RatingSite;
}

const STATUS: Record<Exclude<RatingRefusal, 'failed'>, number> = { badLink: 400, notFound: 404, used: 410, expired: 410, void: 410 };

/**
 * R60.external, the public rating page. `GET /rating/<token>?score=N` shows the chosen score preselected with an
 * optional comment and Submit — it changes nothing, as mail scanners open links; `POST /rating/<token>` records it,
 * once. A used, expired or voided link gets a 410 page that says why, a damaged one 400, an unknown one 404.
 * Lithuanian by default; English by `?lang=en` or the client's language. No script; the web form's strict CSP.
 */
export function mountRatings(http: HttpServer, deps: RatingPageDependencies): void {
  const { ratings, logger } = deps;

  http.routePrefixForEach('GET', `${RATING_PATH}/`, guarded(logger, deps.site, async (request, response) => {
    const site = deps.site();
    const url = new URL(request.url ?? '/', 'http://localhost');
    const asked = url.searchParams.get('lang');
    const token = tokenOf(url.pathname);
    const scoreParam = url.searchParams.get('score');
    const score = scoreParam === null ? null : scoreOf(scoreParam);
    if (!token || score === undefined) return sendHtml(response, 400, ratingRefusalPage(ratingLanguage(asked), 'badLink', site));
    const view = await viewOf(ratings, token);
    const language = ratingLanguage(asked, view.language);
    if (view.state !== 'open') return refuse(response, language, view.state, site, logger);
    sendHtml(response, 200, ratingFormPage({ language, action: `${basePathOf(request)}${url.pathname}`, registryNumber: view.registryNumber, score, comment: '', invalid: new Set() }, site));
  }));

  http.routePrefixForEach('POST', `${RATING_PATH}/`, guarded(logger, deps.site, async (request, response) => {
    const site = deps.site();
    const url = new URL(request.url ?? '/', 'http://localhost');
    const token = tokenOf(url.pathname);
    let fields: Record<string, unknown>;
    try {
      ({ fields } = await readFields(request, MAX_BODY_BYTES));
    } catch (error) {
      if (!(error instanceof BodyTooLargeError) && !(error instanceof SyntaxError)) throw error;
      return sendHtml(response, error instanceof BodyTooLargeError ? 413 : 400, ratingRefusalPage(ratingLanguage(url.searchParams.get('lang')), 'badLink', site));
    }
    const asked = fields.lang ?? url.searchParams.get('lang');
    if (!token) return sendHtml(response, 400, ratingRefusalPage(ratingLanguage(asked), 'badLink', site));
    const score = typeof fields.score === 'string' ? scoreOf(fields.score) : undefined;
    const comment = typeof fields.comment === 'string' ? fields.comment : '';
    const invalid = new Set<'score' | 'comment'>([...(score ? [] : ['score' as const]), ...(comment.length > RATING_COMMENT_MAX ? ['comment' as const] : [])]);
    if (invalid.size > 0) {
      // The form again, what was typed kept, each problem beside its field.
      const view = await viewOf(ratings, token);
      const language = ratingLanguage(asked, view.language);
      if (view.state !== 'open') return refuse(response, language, view.state, site, logger);
      const state = { language, action: `${basePathOf(request)}${url.pathname}`, registryNumber: view.registryNumber, score: score ?? null, comment: comment.slice(0, RATING_COMMENT_MAX * 2), invalid };
      return sendHtml(response, 400, ratingFormPage(state, site));
    }
    try {
      const recorded = await ratings.answer(token, { score, comment });
      logger.info({ score: recorded.score }, 'client rating recorded');
      sendHtml(response, 200, ratingThanksPage(ratingLanguage(asked, recorded.language), recorded.score, site));
    } catch (error) {
      if (error instanceof RatingClosedError) return refuse(response, ratingLanguage(asked, error.language), error.reason, site, logger);
      if (error instanceof DomainError && error.code === 'RATING.NOT_FOUND') return refuse(response, ratingLanguage(asked), 'notFound', site, logger);
      if (error instanceof DomainError && error.code === 'INPUT.INVALID') return sendHtml(response, 400, ratingRefusalPage(ratingLanguage(asked), 'badLink', site));
      throw error;
    }
  }));
}

/**
 * An unexpected failure is logged here without the request's path — the token in it is the client's key — and the
 * client gets a page that says to try again, not the server's JSON. Refusals of the body (413) pass on as they are.
 */
function guarded(logger: Logger, site: () => RatingSite, handler: RouteHandler): RouteHandler {
  return async (request, response) => {
    try {
      await handler(request, response);
    } catch (error) {
      if (error instanceof RequestRefusedError || error instanceof ClientGoneError) throw error;
      logger.error({ err: error }, 'rating page failed');
      if (!response.headersSent) sendHtml(response, 500, ratingRefusalPage(ratingLanguage(new URL(request.url ?? '/', 'http://localhost').searchParams.get('lang')), 'failed', site()));
    }
  };
}

/** The token after `/rating/`, when it has a token's shape. */
function tokenOf(path: string): string | null {
  const token = path.slice(RATING_PATH.length + 1);
  return RATING_TOKEN_PATTERN.test(token) ? token : null;
}

/** A score 1–5, or undefined for anything else. */
function scoreOf(value: string): number | undefined {
  return /^[1-5]$/.test(value) ? Number(value) : undefined;
}

/** What the token leads to; an unknown token reads as a link nobody can use. */
async function viewOf(ratings: RatingPageDependencies['ratings'], token: string): Promise<RatingLinkView | { state: 'notFound'; language: RatingLanguage }> {
  try {
    return await ratings.view(token);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'RATING.NOT_FOUND') return { state: 'notFound', language: 'lt' };
    throw error;
  }
}

function refuse(response: http.ServerResponse, language: RatingLanguage, reason: RatingClosedReason | 'notFound', site: RatingSite, logger: Logger): void {
  // The reason only: the token is the client's key and stays out of the log.
  logger.info({ reason }, 'rating link refused');
  sendHtml(response, STATUS[reason], ratingRefusalPage(language, reason, site));
}

function sendHtml(response: http.ServerResponse, status: number, html: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    // No script, no framing, posts only to ourselves; the link (the client's key) is never passed on as a referrer.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'x-robots-tag': 'noindex',
  });
  response.end(html);
}
