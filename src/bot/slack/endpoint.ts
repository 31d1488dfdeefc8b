import type http from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { HTTPReceiver } from '@slack/bolt';
import { readBody, RequestRefusedError } from '../../http/request-body.js';
import type { RouteHandler } from '../../http/server.js';
import type { Logger } from '../../logger.js';
import { checkEnvelope, checkFormFields } from './envelope.js';
import type { PendingAcks } from './pending-acks.js';

const FORM = 'application/x-www-form-urlencoded';

/** What Bolt's check of an `ssl_check` did, now done here: the unsigned request keeps that one field only. */
const SSL_CHECK = Buffer.from('ssl_check=1');

/** Bolt's rule: a request older than 5 minutes is refused, however well signed. */
const MAX_AGE_SECONDS = 5 * 60;

/** Slack's v0 signature: lowercase hex of an HMAC-SHA256. */
const SIGNATURE = /^v0=([0-9a-f]{64})$/;

/**
 * `POST /slack/events` in front of Bolt's receiver, in this order:
 * 1. the body is read once here, at most 1 MB (413 beyond; see readBody);
 * 2. the signature is checked (401), so a forged request learns nothing of how its body would have been judged;
 * 3. the signed body must have the envelope Bolt can route (400; see envelope.ts);
 * 4. Bolt gets the request with the body already read and runs the listeners. Its receiver does not verify again
 *    (`signatureVerification: false` in platform.ts): this route is its only way in, and each verification
 *    (Bolt's costs three HMACs) stood between a burst of clicks and their acks (issue #16).
 * Slack's `ssl_check` is the one unsigned request Bolt takes; it goes to Bolt with every other field dropped.
 */
export function eventsRoute(receiver: HTTPReceiver, signingSecret: string, logger: Logger, acks: PendingAcks): RouteHandler {
  return async (request, response) => {
    acks.received(response);
    let rawBody = await readBody(request);
    const text = rawBody.toString('utf8');
    const contentType = request.headers['content-type'];
    const fields = contentType === FORM ? parseQueryString(text) : null;
    if (fields?.ssl_check === '1') {
      rawBody = SSL_CHECK;
    } else {
      if (!isSigned(request, text, signingSecret)) throw new RequestRefusedError(401, 'invalid_signature');
      const envelope = fields ? checkFormFields(fields) : checkEnvelope(text, contentType);
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

/**
 * Slack's v0 signature over the raw body, as Bolt's verifySlackRequest checks it (the timestamp as a number, at
 * most 5 minutes old), with one HMAC compared in constant time.
 */
function isSigned(request: http.IncomingMessage, body: string, signingSecret: string): boolean {
  const signature = request.headers['x-slack-signature'];
  const timestamp = Number(request.headers['x-slack-request-timestamp']);
  const given = typeof signature === 'string' ? SIGNATURE.exec(signature)?.[1] : undefined;
  if (!given || Number.isNaN(timestamp) || timestamp < Math.floor(Date.now() / 1000) - MAX_AGE_SECONDS) return false;
  const expected = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest();
  return timingSafeEqual(Buffer.from(given, 'hex'), expected);
}
