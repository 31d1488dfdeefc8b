import type http from 'node:http';
import type { Activity, TurnContext } from 'botbuilder';
import { sendJson, type RouteHandler } from '../../http/server.js';
import type { Logger } from '../../logger.js';
import { statusOf, translateConnectorError } from './connector-errors.js';
import type { TeamsAdapter } from './teams-adapter.js';

const MAX_BODY_BYTES = 1_000_000;

/**
 * `POST /api/messages` on our own HTTP server: reads the activity, lets the adapter authenticate it (Bot
 * Framework JWT, or nothing for the Emulator without an app id) and run the turn; invokes answer in the body.
 */
export function messagesRoute(adapter: TeamsAdapter, logic: (context: TurnContext) => Promise<void>, logger: Logger): RouteHandler {
  return async (request, response) => {
    let activity: Activity;
    try {
      activity = JSON.parse(await readBody(request)) as Activity;
    } catch {
      return sendJson(response, 400, { error: 'invalid_json' });
    }
    if (!activity || typeof activity !== 'object' || typeof activity.type !== 'string') return sendJson(response, 400, { error: 'not_an_activity' });
    try {
      const result = await adapter.handle(request.headers.authorization ?? '', activity, logic);
      if (result?.body === undefined) {
        response.writeHead(result?.status ?? 200);
        response.end();
      } else sendJson(response, result.status, result.body);
    } catch (error) {
      const status = statusOf(error) === 401 || (error as Error).name === 'AuthenticationError' ? 401 : 500;
      if (status === 500) logger.error({ err: translateConnectorError(error), activityType: activity.type }, 'teams: activity failed');
      sendJson(response, status, { error: status === 401 ? 'unauthorized' : 'internal_error' });
    }
  };
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
