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
 * The mailbox leases of one instance as session-level PostgreSQL advisory locks, all on one connection of their own:
 * an instance that stands by for a hundred institutions' mailboxes holds one connection, not a hundred. PostgreSQL
 * frees every lock the moment the session ends — a clean stop, a crash, a killed process, a database restart — with no
 * expiry to tune and no row to clean up. (Behind a pooler in transaction mode session locks do not hold; point
 * DATABASE_URL at PostgreSQL or at a session-mode pool.)
 */
export class PostgresLeaseSession {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly held = new Set<number>();
  private readonly lostListeners = new Map<number, Array<() => void>>();
  private readonly database: string;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {
    this.database = decodeURIComponent(new URL(url).pathname.slice(1));
  }

  /** The leases on the same database the app's data source uses. */
  static forDataSource(dataSource: DataSource, logger: Logger): PostgresLeaseSession {
    const { url } = dataSource.options as { url?: string };
    if (!url) throw new Error('the mailbox lease needs the data source to be opened from a URL');
    return new PostgresLeaseSession(url, logger);
  }

  /**
   * The lease of the mailbox `identity` names for every instance alike (server, port, user, folder); the database
   * name is added, so two installations on one PostgreSQL server do not share a lease.
   */
  lease(identity: string): MailboxLease {
    const key = createHash('sha256').update(`${this.database}\n${identity}`).digest().readInt32BE(0);
    return {
      tryAcquire: () => this.tryAcquire(key),
      onLost: (listener) => this.lostListeners.set(key, [...(this.lostListeners.get(key) ?? []), listener]),
      release: () => this.release(key),
    };
  }

  /** Ends the session: every lease still held is freed with it. */
  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.held.clear();
    if (client) await endQuietly(client);
  }

  private async tryAcquire(key: number): Promise<boolean> {
    try {
      const client = await this.connected();
      if (this.held.has(key)) {
        // A session that died without telling us (a silent network) fails here, within one retry interval.
        await client.query('SELECT 1');
        return true;
      }
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [LEASE_NAMESPACE, key]);
      if (rows[0]?.locked === true) this.held.add(key);
      return this.held.has(key);
    } catch (error) {
      this.logger.warn({ err: error }, 'mailbox lease: database not reachable; will retry');
      await this.lose();
      return false;
    }
  }

  private async release(key: number): Promise<void> {
    if (!this.held.delete(key) || !this.client) return;
    // A session that is gone has freed the lock already.
    await this.client.query('SELECT pg_advisory_unlock($1, $2)', [LEASE_NAMESPACE, key]).catch(() => undefined);
  }

  private connected(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
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
    client.on('end', () => {
      if (client === this.client) void this.lose();
    });
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

  /** The session ended (or cannot be trusted) without `release()`: every lock it held is gone. */
  private async lose(): Promise<void> {
    const lost = [...this.held];
    await this.close();
    for (const key of lost) for (const listener of this.lostListeners.get(key) ?? []) listener();
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
