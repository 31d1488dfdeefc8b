import type http from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import { isValidSlackRequest, type HTTPReceiver } from '@slack/bolt';
import { readBody, RequestRefusedError } from '../../http/request-body.js';
import type { RouteHandler } from '../../http/server.js';
import type { Logger } from '../../logger.js';
import { checkEnvelope } from './envelope.js';

const FORM = 'application/x-www-form-urlencoded';

/**
 * `POST /slack/events` in front of Bolt's receiver, in this order:
 * 1. the body is read once here, at most 1 MB (413 beyond; see readBody);
 * 2. the signature is checked with Bolt's own function (401), so a forged request learns nothing of how its
 *    body would have been judged;
 * 3. the signed body must have the envelope Bolt can route (400; see envelope.ts);
 * 4. Bolt gets the request with the body already read, verifies it again and runs the listeners.
 * Slack's `ssl_check` is the one unsigned request Bolt takes; it goes straight to Bolt, which drops any other
 * field it carries.
 */
export function eventsRoute(receiver: HTTPReceiver, signingSecret: string, logger: Logger): RouteHandler {
  return async (request, response) => {
    const rawBody = await readBody(request);
    const text = rawBody.toString('utf8');
    const contentType = request.headers['content-type'];
    if (!(contentType === FORM && parseQueryString(text).ssl_check === '1')) {
      if (!isSigned(request, text, signingSecret)) throw new RequestRefusedError(401, 'invalid_signature');
      const envelope = checkEnvelope(text, contentType);
      if (!envelope.ok) {
        logger.warn({ problem: envelope.problem }, 'slack: signed request with a malformed body refused');
        throw new RequestRefusedError(400, 'malformed_payload');
      }
    }
    // Bolt reads a body that is already there instead of the (consumed) stream.
    Object.assign(request, { rawBody });
    receiver.requestListener(request, response);
  };
}

/** Slack's v0 signature over the raw body, with Bolt's rule that the timestamp be at most 5 minutes old. */
function isSigned(request: http.IncomingMessage, body: string, signingSecret: string): boolean {
  const signature = request.headers['x-slack-signature'];
  const timestamp = request.headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string') return false;
  return isValidSlackRequest({ signingSecret, body, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) } });
}
