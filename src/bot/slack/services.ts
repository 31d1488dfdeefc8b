import type { webApi } from '@slack/bolt';
import type { InstitutionId } from '../../domain/institution.js';
import type { PlatformContext } from '../platform.js';
import type { WorkQueue } from './work-queue.js';

/** What the Slack listeners and the notifier share: the core's context and Slack's own parts. */
export interface SlackServices extends PlatformContext {
  /** Where the work after an ack waits its turn. */
  work: WorkQueue;
  /** Whose workspace a request comes from, when Bolt did not ask (`app_uninstalled`, `tokens_revoked`). */
  workspaces: { institutionOf(teamId: string | undefined): Promise<InstitutionId | null> };
  /** The staff channel of the institution whose work is under way (its settings), or null before one is set. */
  staffChannel(): string | null;
  /** Says in the staff channel what the app will do there; `help` is how help is asked for in Slack. */
  welcome(help: string): Promise<void>;
  /** The Home tabs, kept current (home.ts). */
  homes: { opened(slackUserId: string): Promise<void> };
  /** The app was removed from the workspace `teamId` (issue #17). */
  uninstalled(teamId: string | undefined): Promise<void>;
}

/** The Web API client as Bolt hands it out. */
export type SlackClient = webApi.WebClient;

/** The platform's name in the chat stores (announcements, DM channels). */
export const PLATFORM = 'slack';
