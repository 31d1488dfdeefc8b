import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../support/database.js';
import { importStaff, runAppProcess, startAppProcess, type AppProcess } from '../support/app-process.js';
import { postWebForm, webFormFields } from '../support/web-form.js';

/**
 * `npm start` as an operator meets it: real processes of the compiled service on the embedded PostgreSQL
 * (no DATABASE_URL), each in a new data folder. `npm test` builds dist/ first.
 */

const folders: string[] = [];
const running: AppProcess[] = [];

afterAll(async () => {
  for (const service of running) await service.stop(2_000);
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

async function dataFolder(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'langelis-start-'));
  folders.push(folder);
  return folder;
}

async function embeddedEnv(dataDir?: string): Promise<Record<string, string>> {
  return {
    DATA_DIR: dataDir ?? path.join(await dataFolder(), 'data'),
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
  };
}

async function start(name: string, env: Record<string, string>): Promise<AppProcess> {
  const service = await startAppProcess(name, env);
  running.push(service);
  return service;
}

/** pino's JSON lines (a start failure writes a plain sentence instead). */
function logLines(output: string): Array<Record<string, unknown>> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Warnings and errors logged from the stop signal on: an expected disconnect must not produce any. */
function complaintsAfterStop(output: string): Array<Record<string, unknown>> {
  const lines = logLines(output);
  const from = lines.findIndex((line) => String(line.msg).startsWith('stopping'));
  expect(from).toBeGreaterThanOrEqual(0);
  return lines.slice(from).filter((line) => Number(line.level) >= 40);
}

async function postgresAnswers(port: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: `postgres://postgres:langelis@127.0.0.1:${port}/postgres`, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('npm start and stop', () => {
  it('R12.records: the start log names each part once; SIGTERM drains and exits 0 with "stopped" and no warnings; the next start keeps the data', async () => {
    const env = await embeddedEnv();
    const first = await start('first', env);
    const parts = logLines(first.output()).filter((line) => line.part !== undefined);
    expect(parts.map((line) => line.part)).toEqual(['database', 'slack', 'teams', 'mailbox', 'smtp', 'public-url']);
    expect(parts.find((line) => line.part === 'database')?.msg).toContain(`embedded PostgreSQL in ${path.resolve(env.DATA_DIR!, 'postgres')} on port ${env.EMBEDDED_POSTGRES_PORT}`);
    expect(parts.find((line) => line.part === 'slack')).toMatchObject({ state: 'off' });
    expect(parts.find((line) => line.part === 'teams')).toMatchObject({ state: 'off' });
    expect(logLines(first.output()).find((line) => line.address !== undefined)?.msg).toBe(`listening on 127.0.0.1:${env.PORT}`);

    const firstForm = webFormFields();
    const registered = await postWebForm(first.url, firstForm);
    expect(registered.status).toBe(201);

    expect(await first.stop()).toBe(0);
    expect(logLines(first.output()).at(-1)?.msg).toBe('stopped');
    expect(complaintsAfterStop(first.output())).toEqual([]);
    // The embedded server stopped with the service.
    expect(await postgresAnswers(Number(env.EMBEDDED_POSTGRES_PORT))).toBe(false);

    const second = await start('second', env);
    const again = await postWebForm(second.url, firstForm);
    // R15.register: the same submission is known after the restart, so it is not registered twice.
    expect(again.status).toBe(200);
    expect((await again.json()).registryNumber).toBe((await registered.json()).registryNumber);
    expect(await second.stop()).toBe(0);
  });

  it('R15.register: Ctrl-C reaches Langelis, not PostgreSQL; a request under way is answered before it exits 0', async () => {
    const env = await embeddedEnv();
    // A terminal sends Ctrl-C to the whole foreground process group; `detached` gives the child its own group.
    const service = await startAppProcess('ctrl-c', env, { ownProcessGroup: true });
    running.push(service);
    const body = JSON.stringify(webFormFields());
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(`${service.url}/inquiries`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      });
      request.on('error', reject);
      // Half the body now; the rest after the signal.
      request.write(body.slice(0, 20));
      setTimeout(() => {
        service.signalGroup('SIGINT');
        setTimeout(() => request.end(body.slice(20)), 300);
      }, 200);
    });
    const result = await answered;
    expect(result.status).toBe(201);
    expect(await service.exited).toBe(0);
    expect(logLines(service.output()).at(-1)?.msg).toBe('stopped');
    expect(complaintsAfterStop(service.output())).toEqual([]);
  });

  it('R12.records: a Langelis that was killed leaves its PostgreSQL running; the next start takes it over and stops it', async () => {
    const env = await embeddedEnv();
    const killed = await start('killed', env);
    await killed.kill('SIGKILL');
    expect(await postgresAnswers(Number(env.EMBEDDED_POSTGRES_PORT))).toBe(true);

    const next = await start('next', env);
    const database = logLines(next.output()).find((line) => line.part === 'database');
    expect(database?.msg).toContain('taken over');
    expect(await next.stop()).toBe(0);
    expect(await postgresAnswers(Number(env.EMBEDDED_POSTGRES_PORT))).toBe(false);
  });

  it('staff:import while the service runs uses the running database instead of refusing, and leaves it running', async () => {
    const env = await embeddedEnv();
    const service = await start('with-import', env);
    const printed = await importStaff(path.resolve('examples/staff.example.yaml'), env);
    expect(printed).toMatch(/^Imported: \d+ created, 0 updated/);
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    const client = new pg.Client({ connectionString: `postgres://postgres:langelis@127.0.0.1:${env.EMBEDDED_POSTGRES_PORT}/langelis` });
    await client.connect();
    try {
      const [{ count }] = (await client.query('SELECT count(*)::int AS count FROM staff_members')).rows;
      expect(count).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
    expect(await service.stop()).toBe(0);
  });
});

describe('start failures: one sentence with the cause and the fix, exit 1, nothing left running', () => {
  it('the embedded database port is taken by another program', async () => {
    const env = await embeddedEnv();
    const { code, output } = await whileTaken(Number(env.EMBEDDED_POSTGRES_PORT), () => runAppProcess(env));
    expect(code).toBe(1);
    expect(output.trim()).toBe(
      `Langelis failed to start: Port ${env.EMBEDDED_POSTGRES_PORT}, which the embedded PostgreSQL uses, is taken by another program: set EMBEDDED_POSTGRES_PORT to a free port, or stop that program.`,
    );
  });

  it('the data folder is used by another running Langelis', async () => {
    const env = await embeddedEnv();
    const owner = await start('owner', env);
    const { code, output } = await runAppProcess({ ...env, PORT: String(await freePort()) });
    expect(code).toBe(1);
    expect(output.trim()).toMatch(
      new RegExp(`^Langelis failed to start: The data folder ${escape(path.resolve(env.DATA_DIR!))} is in use by another running Langelis \\(process \\d+\\): stop that one first, or give this one its own DATA_DIR and EMBEDDED_POSTGRES_PORT\\.$`),
    );
    // The refused start did not disturb the one that runs.
    expect((await fetch(`${owner.url}/healthz`)).status).toBe(200);
    expect(await owner.stop()).toBe(0);
  });

  // Only root can give a folder to another user; CI and this project's machines run as root.
  (userInfo().uid === 0 ? it : it.skip)('the database folder belongs to another user', async () => {
    const dataDir = path.join(await dataFolder(), 'data');
    const env = await embeddedEnv(dataDir);
    const first = await start('initialise', env);
    expect(await first.stop()).toBe(0);
    const postgresDir = path.resolve(dataDir, 'postgres');
    await chown(postgresDir, 65_534, 65_534);
    const { code, output } = await runAppProcess(env);
    expect(code).toBe(1);
    expect(output.trim()).toMatch(
      new RegExp(`^Langelis failed to start: The database folder ${escape(postgresDir)} belongs to uid 65534, but the embedded PostgreSQL runs as the postgres user \\(uid \\d+\\): run \`chown -R postgres ${escape(postgresDir)}\`, or set DATA_DIR to another folder\\.$`),
    );
  });

  it('DATA_DIR cannot be written', async () => {
    const file = path.join(await dataFolder(), 'a-file');
    await writeFile(file, 'not a folder');
    const env = await embeddedEnv(path.join(file, 'data'));
    const { code, output } = await runAppProcess(env);
    expect(code).toBe(1);
    expect(output.trim()).toBe(
      `Langelis failed to start: The data folder ${path.join(file, 'data')} cannot be written (ENOTDIR): set DATA_DIR to a folder this user can write to, or fix its permissions.`,
    );
  });

  it('DATABASE_URL points at a server that is not there', async () => {
    const port = await freePort();
    const { code, output } = await runAppProcess({ DATABASE_URL: `postgres://langelis:secret-password@127.0.0.1:${port}/langelis`, PORT: String(await freePort()), HOST: '127.0.0.1' });
    expect(code).toBe(1);
    expect(output.trim()).toBe(
      `Langelis failed to start: Cannot use the database in DATABASE_URL: nothing accepts connections at 127.0.0.1:${port}: start PostgreSQL there, correct DATABASE_URL, or unset it to use the embedded database.`,
    );
    expect(output).not.toContain('secret-password');
  });

  it('PORT is taken, and the embedded database it started is stopped again', async () => {
    const env = await embeddedEnv();
    const { code, output } = await whileTaken(Number(env.PORT), () => runAppProcess(env));
    expect(code).toBe(1);
    expect(output.split('\n').filter((line) => !line.startsWith('{')).join('\n').trim()).toBe(
      `Langelis failed to start: Port ${env.PORT} on 127.0.0.1 is taken by another program (is Langelis already running?): stop it, or set PORT to a free port.`,
    );
    expect(await postgresAnswers(Number(env.EMBEDDED_POSTGRES_PORT))).toBe(false);
  });
});

/** Runs `body` while another program listens on `port`. */
async function whileTaken<T>(port: number, body: () => Promise<T>): Promise<T> {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
  try {
    return await body();
  } finally {
    blocker.close();
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
