import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

export interface SignedPostOptions {
  secret?: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  headers?: Record<string, string>;
}

/** Slack's v0 signature: HMAC-SHA256 over `v0:<timestamp>:<raw body>`. */
export function sign(rawBody: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

async function post(url: string, rawBody: string, contentType: string, options: SignedPostOptions): Promise<{ status: number; text: string; json: any }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': sign(rawBody, timestamp, options.secret),
      ...options.headers,
    },
    body: rawBody,
  });
  const text = await response.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, text, json };
}

/** Interactivity (buttons, modals): a form post with one `payload` field holding JSON. */
export function postInteraction(url: string, payload: object, options: SignedPostOptions = {}) {
  return post(url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options);
}

/** A slash command: a plain form post. */
export function postCommand(url: string, fields: Record<string, string>, options: SignedPostOptions = {}) {
  return post(url, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
}

/** Events API: JSON. */
export function postEvent(url: string, body: object, options: SignedPostOptions = {}) {
  return post(url, JSON.stringify(body), 'application/json', options);
}
