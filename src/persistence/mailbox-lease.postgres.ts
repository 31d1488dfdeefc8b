import { createHash } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger.js';
import type { MailboxLease } from '../domain/mailbox.js';

/**
 * First half of every mailbox lease's two-part advisory-lock key. Two-part keys never meet the one-part key of
 * the migration lock, and the constant keeps them apart from anyone else's two-part locks on the server.
 */
const LEASE_NAMESPACE = 7_410_226;
/** Lets an operator find the holder: `SELECT * FROM pg_stat_activity WHERE application_name = …`. */
export const LEASE_APPLICATION_NAME = 'langelis-mailbox-lease';

/**
 * The mailbox lease as a session-level PostgreSQL advisory lock on a connection of its own. PostgreSQL frees
 * it the moment the holder's session ends — a clean stop, a crash, a killed process, a database restart —
 * with no expiry to tune and no row to clean up. (Behind a pooler in transaction mode session locks do not
 * hold; point DATABASE_URL at PostgreSQL or at a session-mode pool.)
 */
export class PostgresMailboxLease implements MailboxLease {
  private client: pg.Client | null = null;
  private held = false;
  private readonly lostListeners: (() => void)[] = [];
  private readonly key: number;

  /**
   * @param identity what names the mailbox for every instance alike (server, port, user, folder); the
   *   database name is added, so two installations on one PostgreSQL server do not share a lease.
   */
  constructor(
    private readonly url: string,
    identity: string,
    private readonly logger: Logger,
  ) {
    const database = decodeURIComponent(new URL(url).pathname.slice(1));
    this.key = createHash('sha256').update(`${database}\n${identity}`).digest().readInt32BE(0);
  }

  /** The lease on the same database the app's data source uses. */
  static forDataSource(dataSource: DataSource, identity: string, logger: Logger): PostgresMailboxLease {
    const { url } = dataSource.options as { url?: string };
    if (!url) throw new Error('the mailbox lease needs the data source to be opened from a URL');
    return new PostgresMailboxLease(url, identity, logger);
  }

  async tryAcquire(): Promise<boolean> {
    try {
      const client = this.client ?? (await this.connect());
      if (this.held) {
        // A session that died without telling us (a silent network) fails here, within one retry interval.
        await client.query('SELECT 1');
        return true;
      }
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [LEASE_NAMESPACE, this.key]);
      this.held = rows[0]?.locked === true;
      return this.held;
    } catch (error) {
      this.logger.warn({ err: error }, 'mailbox lease: database not reachable; will retry');
      await this.disconnect();
      return false;
    }
  }

  onLost(listener: () => void): void {
    this.lostListeners.push(listener);
  }

  async release(): Promise<void> {
    // Ending the session frees the lock; no unlock round trip needed.
    await this.disconnect();
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: LEASE_APPLICATION_NAME,
      connectionTimeoutMillis: 5_000,
      // A check that hangs on a half-open connection counts as a lost lease instead of blocking the next ones.
      query_timeout: 10_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    // pg emits 'error' when the server goes away (restart, terminated session); unheard, it would crash the process.
    client.on('error', (error) => this.logger.warn({ err: error }, 'mailbox lease: database connection lost'));
    client.on('end', () => this.ended(client));
    try {
      await client.connect();
      // The server notices a vanished holder (a host that lost power, a cut network) within about a minute
      // instead of the operating system's two hours, and frees the lock for the standby.
      await client.query('SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3');
    } catch (error) {
      await endQuietly(client);
      throw error;
    }
    this.client = client;
    return client;
  }

  /** The session ended without `release()`: whatever lock it held is gone. */
  private ended(client: pg.Client): void {
    if (client !== this.client) return;
    this.client = null;
    const wasHeld = this.held;
    this.held = false;
    if (wasHeld) for (const listener of this.lostListeners) listener();
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.held = false;
    if (client) await endQuietly(client);
  }
}

/** Ends a session without waiting long for a server that no longer answers (the stop must not hang on it). */
async function endQuietly(client: pg.Client): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const giveUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, 2_000);
  });
  await Promise.race([client.end().catch(() => undefined), giveUp]);
  clearTimeout(timer);
}
