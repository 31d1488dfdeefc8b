import type { InstitutionId } from './institution.js';

/**
 * Issue #17: which chat account (a Slack workspace, a Teams tenant) serves which institution. An account serves one
 * institution; an institution has at most one account per platform. Platforms use this port, src/persistence
 * implements it (the secret sealed at rest).
 */
export type InstalledPlatform = 'slack' | 'teams';

/** One installation as the platform reported it at install. */
export interface ChatInstallation {
  platform: InstalledPlatform;
  /** The Slack team id or the Teams tenant id. */
  account: string;
  /** Slack Enterprise Grid: the organisation the workspace belongs to. */
  enterprise: string | null;
  /** The workspace's or tenant's name, for the operator's messages. */
  accountName: string | null;
  botUserId: string | null;
  botId: string | null;
  /** What the platform needs to speak there (Slack: the bot token); sealed at rest, never logged. */
  secret: string | null;
  /** The platform's id of the person who installed it: the first admin the app talks to. */
  installedBy: string | null;
}

/** Whose an account is: its institution, and whether the app was removed from it since. */
export interface AccountOwner {
  institution: InstitutionId;
  revoked: boolean;
}

export interface ChatInstallations {
  /** Whose `account` is, across institutions (an incoming request names only its account); null when nobody's. */
  ownerOf(platform: InstalledPlatform, account: string): Promise<AccountOwner | null>;
  /** The current institution's installation on `platform` that has not been revoked, or null. */
  active(platform: InstalledPlatform): Promise<ChatInstallation | null>;
  /**
   * Records an installation for the current institution, replacing the one it had on that platform. Throws
   * `AccountTakenError` when the account serves another institution: an account is moved by the operator, not by a
   * second install.
   */
  save(installation: ChatInstallation): Promise<void>;
  /** The app was removed from `account` (or its tokens revoked): the current institution's installation is over. */
  revoke(platform: InstalledPlatform, account: string): Promise<void>;
}

/** An install into an account that already serves another institution. */
export class AccountTakenError extends Error {
  constructor(readonly platform: InstalledPlatform, readonly account: string) {
    super(`The ${platform} account ${account} already serves another institution`);
    this.name = 'AccountTakenError';
  }
}
