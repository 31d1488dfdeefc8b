import type { ChatPlatform, PlatformContext } from './platform.js';
import { slackSettings } from './slack/settings.js';

/**
 * The chat platforms configured in the environment. Each platform's folder is imported only when it is
 * configured: its SDK (botbuilder, Bolt) takes about a second to load, which a service without it should not
 * pay at every start. Each platform's factory is listed here and nowhere else.
 */
export async function createPlatforms(shared: PlatformContext): Promise<ChatPlatform[]> {
  const { config } = shared;
  const platforms: ChatPlatform[] = [];
  // Validates a half-configured Slack (ConfigError) before anything is loaded.
  const slack = slackSettings(config);
  const teams = Boolean(config.MicrosoftAppId || config.TEAMS_EMULATOR);
  const context: PlatformContext = { ...shared, platformsOn: [...(slack ? ['slack' as const] : []), ...(teams ? ['teams' as const] : [])] };
  if (slack) platforms.push(await (await import('./slack/index.js')).createSlackPlatform(context));
  if (teams) platforms.push(await (await import('./teams/index.js')).createTeamsPlatform(context));
  return platforms;
}
