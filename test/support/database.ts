import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import { derivedAppUrl } from '../../src/persistence/app-role.js';
import { ensureDatabase } from '../../src/persistence/embedded-database.js';

export interface TestDatabase {
  /** The owner's (superuser's) URL; the service itself connects as its own role under row-level security. */
  url: string;
  /** One statement as the owner: schema changes a test makes (a trigger), or a look across institutions. */
  asOwner<T = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

async function ownerQuery<T>(url: string, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, parameters)).rows as T[];
  } finally {
    await client.end();
  }
}

function serverUrl(): string {
  const url = process.env.LANGELIS_TEST_SERVER_URL;
  if (!url) throw new Error('LANGELIS_TEST_SERVER_URL is not set: run the tests through jest (global setup)');
  return url;
}

/** A fresh, empty database for one test file; its name always contains "test". */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = new URL(serverUrl());
  url.pathname = `/langelis_test_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(url.toString());
  return {
    url: url.toString(),
    asOwner: (sql, parameters) => ownerQuery(url.toString(), sql, parameters),
    async drop() {
      const admin = new URL(url);
      admin.pathname = '/postgres';
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(url.pathname.slice(1))} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * `work` on a connection of the service's own role (issue #17): held to row-level security as the service is, so a
 * test sees what the service could see with what it names (or does not name) for its transaction.
 */
export async function asServiceRole<T>(database: TestDatabase, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: derivedAppUrl(database.url) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
