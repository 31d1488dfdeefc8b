import type { ChatPlatform, PlatformContext } from '../platform.js';
import { PlatformStatus } from '../platform-health.js';
import { TeamsPlatform } from './platform.js';
import { createTeamsAdapter } from './teams-adapter.js';

/**
 * Microsoft Teams through botbuilder's CloudAdapter. On with an app id (Bot Framework authentication), or with
 * TEAMS_EMULATOR=true and no app id for the Bot Framework Emulator on localhost; called only when one is set.
 */
export async function createTeamsPlatform(context: PlatformContext): Promise<ChatPlatform> {
  // Nothing to check at start (credentials are checked on each call): up until a call fails.
  const status = new PlatformStatus('up');
  return new TeamsPlatform(context, createTeamsAdapter(context.config), status);
}
