import type { webApi } from '@slack/bolt';
import type { PlatformContext } from '../platform.js';
import type { SlackSettings } from './settings.js';
import type { WorkQueue } from './work-queue.js';

/** What the Slack listeners and the notifier share: the core's context and Slack's own settings. */
export interface SlackServices extends PlatformContext {
  settings: SlackSettings;
  /** Where the work after an ack waits its turn. */
  work: WorkQueue;
  /** Says in the staff channel what the app will do there; `help` is how help is asked for in Slack. */
  welcome(help: string): Promise<void>;
  /** The Home tabs, kept current (home.ts). */
  homes: { opened(slackUserId: string): Promise<void> };
}

/** The Web API client as Bolt hands it out. */
export type SlackClient = webApi.WebClient;

/** The platform's name in the chat stores (announcements, DM channels). */
export const PLATFORM = 'slack';
