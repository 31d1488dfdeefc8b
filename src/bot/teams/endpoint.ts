import type { Activity, TurnContext } from 'botbuilder';
import { parseJson, readBody, RequestRefusedError } from '../../http/request-body.js';
import { sendJson, type RouteHandler } from '../../http/server.js';
import type { Logger } from '../../logger.js';
import { checkActivity } from './envelope.js';
import { statusOf, translateConnectorError } from './errors.js';
import type { TeamsAdapter } from './teams-adapter.js';

/**
 * `POST /api/messages` on our own HTTP server: reads the activity (at most 1 MB, else 413), refuses one whose
 * envelope botbuilder cannot work with (400; see envelope.ts), then lets the adapter authenticate it
 * (Bot Framework JWT, or nothing for the Emulator without an app id) and run the turn; invokes answer in the body.
 */
export function messagesRoute(adapter: TeamsAdapter, logic: (context: TurnContext) => Promise<void>, logger: Logger): RouteHandler {
  return async (request, response) => {
    const body = parseJson((await readBody(request)).toString('utf8'));
    if (body === undefined) throw new RequestRefusedError(400, 'invalid_json');
    const envelope = checkActivity(body);
    if (!envelope.ok) {
      logger.warn({ problem: envelope.problem }, 'teams: malformed activity refused');
      throw new RequestRefusedError(400, 'not_an_activity');
    }
    const activity = body as Activity;
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
