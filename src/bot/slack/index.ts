import type { ChatPlatform, PlatformContext } from '../platform.js';
import { SlackPlatform } from './platform.js';
import { slackSettings } from './settings.js';

/** The Slack front end, or null when Slack is not configured; a half-configured Slack throws a ConfigError. */
export async function createSlackPlatform(context: PlatformContext): Promise<ChatPlatform | null> {
  const settings = slackSettings(context.config);
  return settings ? new SlackPlatform(context, settings) : null;
}
