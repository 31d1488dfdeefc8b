import type { ChatPlatform, PlatformContext } from './platform.js';
import { createSlackPlatform } from './slack/index.js';
import { createTeamsPlatform } from './teams/index.js';

/**
 * The chat platforms configured in the environment; each factory returns null when its platform is off.
 * Each platform's factory is listed here and nowhere else.
 */
export async function createPlatforms(context: PlatformContext): Promise<ChatPlatform[]> {
  const factories: Array<(context: PlatformContext) => Promise<ChatPlatform | null>> = [createSlackPlatform, createTeamsPlatform];
  const platforms: ChatPlatform[] = [];
  for (const create of factories) {
    const platform = await create(context);
    if (platform) platforms.push(platform);
  }
  return platforms;
}
