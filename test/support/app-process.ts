import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TEST_DATA_KEYS } from './encryption-keys.js';

/** One `node dist/main.js` as an operator runs it: configured by environment variables only. */
export interface AppProcess {
  name: string;
  url: string;
  /** Everything it wrote to stdout and stderr so far (pino lines, start errors). */
  output(): string;
  /** Its exit code once it has ended (null when a signal ended it). */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`; resolves with the exit code once it is gone. */
  stop(graceMs?: number): Promise<number | null>;
  /** Sends `signal` to the process alone; resolves once it is gone. */
  kill(signal: NodeJS.Signals): Promise<number | null>;
  /** Sends `signal` to its whole process group, as a terminal does on Ctrl-C (needs `ownProcessGroup`). */
  signalGroup(signal: NodeJS.Signals): void;
}

export interface AppProcessOptions {
  /** How long to wait for /healthz (default 30 s). */
  timeoutMs?: number;
  /** Its own process group, like a command started from a terminal. */
  ownProcessGroup?: boolean;
}

const MAIN = path.resolve('dist/main.js');
const CLI_STAFF_IMPORT = path.resolve('dist/cli/staff-import.js');

/**
 * The child sees only what is given plus PATH and HOME, so a developer's own SLACK_* or DATABASE_URL never leaks
 * into it. `npm test` builds dist/ before jest runs; run `npm run build` first when running one file by hand.
 */
function childEnvironment(env: Record<string, string>): NodeJS.ProcessEnv {
  // Tests never depend on a machine's key file: a test that means to exercise it passes DATA_KEYS: ''.
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_KEYS: TEST_DATA_KEYS, ...env };
}

/** Starts the service with `env` (PORT among it) and waits until `GET /healthz` answers 200. */
export async function startAppProcess(name: string, env: Record<string, string>, options: AppProcessOptions = {}): Promise<AppProcess> {
  const { timeoutMs = 30_000 } = options;
  const port = env.PORT;
  if (!port) throw new Error(`${name}: PORT is required`);
  const url = `http://127.0.0.1:${port}`;
  const { child, output, exited } = spawnMain(env, options.ownProcessGroup ?? false);
  const process_: AppProcess = {
    name,
    url,
    output,
    exited,
    stop: (graceMs = 15_000) => stopChild(child, exited, graceMs),
    kill: (signal) => {
      child.kill(signal);
      return exited;
    },
    signalGroup: (signal) => process.kill(-child.pid!, signal),
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output()}`);
    }
    const healthy = await fetch(`${url}/healthz`).then((response) => response.status === 200, () => false);
    if (healthy) return process_;
    if (Date.now() > deadline) {
      await process_.stop(1_000);
      throw new Error(`${name} was not healthy after ${timeoutMs} ms:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs the service expecting it to end by itself (a start failure); resolves with its exit code and output. */
export async function runAppProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<{ code: number | null; output: string }> {
  const { child, output, exited } = spawnMain(env, false);
  const code = await Promise.race([exited, new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), timeoutMs).unref())]);
  if (code === 'late') {
    await stopChild(child, exited, 1_000);
    throw new Error(`the service was still running after ${timeoutMs} ms:\n${output()}`);
  }
  return { code, output: output() };
}

function spawnMain(env: Record<string, string>, ownProcessGroup: boolean) {
  const child = spawn(process.execPath, [MAIN], { env: childEnvironment(env), stdio: ['ignore', 'pipe', 'pipe'], detached: ownProcessGroup });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Should jest's worker end without running afterAll, the child must not outlive it.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  void exited.then(() => process.removeListener('exit', orphanGuard));
  return { child, output: () => output, exited };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>, graceMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  child.kill('SIGTERM');
  const timer = new Promise<'late'>((resolve) => {
    const handle = setTimeout(() => resolve('late'), graceMs);
    void exited.then(() => clearTimeout(handle));
  });
  if ((await Promise.race([exited, timer])) === 'late') child.kill('SIGKILL');
  return exited;
}

/**
 * `npm run staff:import <file>` as the operator runs it, with `env` (DATABASE_URL, or DATA_DIR for the embedded
 * database); rejects with its stderr on failure.
 */
export function importStaff(file: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_STAFF_IMPORT, file], { env: childEnvironment(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`staff import exited ${code}:\n${stderr}`))));
  });
}
