import type { DataSource } from 'typeorm';
import { AccountTakenError, type AccountOwner, type ChatInstallation, type ChatInstallations, type InstalledPlatform } from '../domain/chat-installations.js';
import { currentInstitution } from '../domain/institution.js';
import { cipherOf, sealContext } from './encryption.js';

interface Row {
  id: string;
  platform: InstalledPlatform;
  account_id: string;
  enterprise_id: string | null;
  account_name: string | null;
  bot_user_id: string | null;
  bot_id: string | null;
  secret: Buffer | null;
  installed_by: string | null;
}

/** The installations in `chat_installations` (migration 1763900000023); the secret sealed with the data keys. */
export class PostgresChatInstallations implements ChatInstallations {
  constructor(private readonly dataSource: DataSource) {}

  async ownerOf(platform: InstalledPlatform, account: string): Promise<AccountOwner | null> {
    const [row]: Array<{ institution_id: number; revoked: boolean }> = await this.dataSource.query('SELECT * FROM langelis_chat_account($1, $2)', [platform, account]);
    return row ? { institution: row.institution_id, revoked: row.revoked } : null;
  }

  async active(platform: InstalledPlatform): Promise<ChatInstallation | null> {
    const [row]: Row[] = await this.dataSource.query(
      'SELECT * FROM chat_installations WHERE platform = $1 AND revoked_at IS NULL ORDER BY installed_at DESC LIMIT 1',
      [platform],
    );
    if (!row) return null;
    const cipher = cipherOf(this.dataSource.manager);
    return {
      platform: row.platform,
      account: row.account_id,
      enterprise: row.enterprise_id,
      accountName: row.account_name,
      botUserId: row.bot_user_id,
      botId: row.bot_id,
      secret: row.secret ? cipher.openText(row.secret, sealContext('chat_installations', 'secret', row.id)) : null,
      installedBy: row.installed_by,
    };
  }

  async save(installation: ChatInstallation): Promise<void> {
    const owner = await this.ownerOf(installation.platform, installation.account);
    if (owner && owner.institution !== currentInstitution()) throw new AccountTakenError(installation.platform, installation.account);
    await this.dataSource.transaction(async (manager) => {
      // One account per platform and institution: an install into another workspace replaces the one before.
      await manager.query('UPDATE chat_installations SET revoked_at = now() WHERE platform = $1 AND account_id <> $2 AND revoked_at IS NULL', [installation.platform, installation.account]);
      const [{ id }]: Array<{ id: string }> = await manager.query(
        `INSERT INTO chat_installations (platform, account_id, enterprise_id, account_name, bot_user_id, bot_id, installed_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (platform, account_id) DO UPDATE SET enterprise_id = EXCLUDED.enterprise_id, account_name = EXCLUDED.account_name,
           bot_user_id = EXCLUDED.bot_user_id, bot_id = EXCLUDED.bot_id, installed_by = EXCLUDED.installed_by, installed_at = now(), revoked_at = NULL
         RETURNING id`,
        [installation.platform, installation.account, installation.enterprise, installation.accountName, installation.botUserId, installation.botId, installation.installedBy],
      );
      // Sealed under the row's own id: a secret copied onto another row does not open there.
      const sealed = installation.secret === null ? null : cipherOf(manager).sealText(installation.secret, sealContext('chat_installations', 'secret', id));
      await manager.query('UPDATE chat_installations SET secret = $2 WHERE id = $1', [id, sealed]);
    });
  }

  async revoke(platform: InstalledPlatform, account: string): Promise<void> {
    await this.dataSource.query('UPDATE chat_installations SET revoked_at = now() WHERE platform = $1 AND account_id = $2 AND revoked_at IS NULL', [platform, account]);
  }
}
