import type { ChatPlatform, PlatformContext } from '../platform.js';
import { SlackPlatform } from './platform.js';
import { slackSettings } from './settings.js';

/** The Slack front end; called only when Slack is configured (a half-configured Slack throws a ConfigError). */
export async function createSlackPlatform(context: PlatformContext): Promise<ChatPlatform> {
  const settings = slackSettings(context.config);
  if (!settings) throw new Error('createSlackPlatform: Slack is not configured');
  return new SlackPlatform(context, settings);
}
