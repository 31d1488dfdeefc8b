import type { webApi } from '@slack/bolt';
import type { CallLane, CallPacer } from '../../domain/call-pacing.js';
import { currentInstitution } from '../../domain/institution.js';
import type { Logger } from '../../logger.js';

/**
 * Slack's Web API limits, per workspace and method (docs.slack.dev "Rate limits"): tiers of calls per minute, each
 * allowing short bursts; chat.postMessage about one message a second. Methods not listed count as Tier 3.
 */
const TIER_2 = { perMinute: 20, burst: 5 };
const TIER_3 = { perMinute: 50, burst: 10 };
const TIER_4 = { perMinute: 100, burst: 20 };
const POSTING = { perMinute: 60, burst: 10 };

const METHODS: Readonly<Record<string, { perMinute: number; burst: number }>> = {
  'chat.postMessage': POSTING,
  'chat.postEphemeral': TIER_4,
  'chat.update': TIER_3,
  'conversations.open': TIER_3,
  'conversations.history': TIER_3,
  'conversations.replies': TIER_3,
  'users.info': TIER_4,
  'auth.test': TIER_4,
  'views.open': TIER_4,
  'views.update': TIER_4,
  'views.publish': TIER_4,
  'files.getUploadURLExternal': TIER_4,
  'files.completeUploadExternal': TIER_4,
  'oauth.v2.access': TIER_4,
  'team.info': TIER_3,
  'users.list': TIER_2,
};

/** The lane of a call: the workspace (its institution's, one workspace each) and the method. */
export function laneOf(method: string): CallLane {
  return { key: `slack:${currentInstitution() ?? 0}:${method}`, ...(METHODS[method] ?? TIER_3) };
}

/** A Web API method's URL (`…/api/chat.postMessage`); an upload URL is not one and is not paced. */
const API_METHOD = /\/api\/([a-z]+(?:\.[A-Za-z]+)+)$/;

/**
 * A `fetch` for the Web API clients that waits for the call's slot on the workspace's shared schedule, and on a 429
 * holds the lane back for every instance as long as Slack asked (the client then retries after Retry-After itself).
 * A schedule that cannot be reached (the database restarting) lets the call go unpaced: Slack's own 429 still holds.
 * The client's deadline (`timeoutMs`) starts when the call leaves, not while it waits for its slot.
 */
export function pacedFetch(pacer: CallPacer, inner: webApi.FetchFunction, logger: Logger, timeoutMs: number): webApi.FetchFunction {
  return async (url, init) => {
    const method = API_METHOD.exec(new URL(String(url)).pathname)?.[1];
    if (!method) return inner(url, init);
    const lane = laneOf(method);
    const wait = await pacer.reserve(lane).catch((error: unknown) => {
      logger.warn({ err: error }, 'slack: the shared rate schedule was not reachable; this call goes unpaced');
      return 0;
    });
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const response = await inner(url, wait > 0 ? { ...init, signal: AbortSignal.timeout(timeoutMs) } : init);
    if (response.status === 429) {
      const seconds = Number(response.headers.get('retry-after'));
      await pacer.holdOff(lane, (Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000).catch(() => undefined);
    }
    return response;
  };
}
