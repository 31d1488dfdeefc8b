import { freePort } from './database.js';
import { availability, DOVECOT as DOVECOT_PROGRAM } from './system-programs.js';
import { execFileSync, spawn } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';


export interface TestMailbox {
  host: string;
  port: number;
  user: string;
  password: string;
  /** `imap://user:password@host:port/INBOX` as IMAP_URL takes it. */
  url: string;
  stop(): Promise<void>;
}

/**
 * A throwaway Dovecot on a free port with its own config in a temp dir (see FACTS.md: as root its
 * login and mail processes refuse uid 0, so the one user maps to the `dovecot` account).
 * Tests that call it sit in `describeWith(DOVECOT, …)`, which skips or fails them when Dovecot is missing.
 * `extraConfig` lines are appended to its config file.
 */
export async function startDovecot(fixedPort?: number, extraConfig: string[] = []): Promise<TestMailbox> {
  const { present, message } = availability(DOVECOT_PROGRAM);
  if (!present) throw new Error(message);
  const dir = await mkdtemp(path.join(tmpdir(), 'langelis-dovecot-'));
  const port = fixedPort ?? (await freePort());
  const user = 'intake';
  const password = 'intake-secret';
  const asRoot = userInfo().uid === 0;
  const uid = asRoot ? Number(execFileSync('id', ['-u', 'dovecot']).toString().trim()) : userInfo().uid;
  const gid = asRoot ? Number(execFileSync('id', ['-g', 'dovecot']).toString().trim()) : userInfo().gid;
  // The auth and mail processes run as `dovecot` and must traverse the temp dir (mkdtemp makes it 0700).
  await chmod(dir, 0o755);
  const home = path.join(dir, 'home');
  await mkdir(path.join(home, 'Maildir'), { recursive: true });
  await mkdir(path.join(dir, 'run'), { recursive: true });
  await mkdir(path.join(dir, 'state'), { recursive: true });
  if (asRoot) {
    await chown(home, uid, gid);
    await chown(path.join(home, 'Maildir'), uid, gid);
  }
  await writeFile(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}:${uid}:${gid}::${home}\n`);
  const config = [
    'protocols = imap',
    `listen = 127.0.0.1`,
    `base_dir = ${path.join(dir, 'run')}`,
    `state_dir = ${path.join(dir, 'state')}`,
    `log_path = ${path.join(dir, 'dovecot.log')}`,
    `info_log_path = ${path.join(dir, 'dovecot.log')}`,
    'ssl = no',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    'default_login_user = dovenull',
    'default_internal_user = dovecot',
    'first_valid_uid = 1',
    'mail_location = maildir:~/Maildir',
    `passdb {\n  driver = passwd-file\n  args = ${path.join(dir, 'passwd')}\n}`,
    `userdb {\n  driver = passwd-file\n  args = ${path.join(dir, 'passwd')}\n}`,
    `service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
    'service anvil {\n  chroot =\n}',
    'service imap-login {\n  chroot =\n}',
    // Settings a test needs, e.g. a capability list without IDLE.
    ...extraConfig,
    '',
  ].join('\n');
  const configFile = path.join(dir, 'dovecot.conf');
  await writeFile(configFile, config);
  await run(DOVECOT_PROGRAM.path, ['-c', configFile]);
  await waitForPort(port, async () => readFile(path.join(dir, 'dovecot.log'), 'utf8').catch(() => ''));
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    url: `imap://${user}:${password}@127.0.0.1:${port}/INBOX`,
    async stop() {
      await run(DOVECOT_PROGRAM.path, ['-c', configFile, 'stop']).catch(() => undefined);
      // KEEP_DOVECOT=1 leaves the config and dovecot.log behind for debugging a failing test.
      if (!process.env.KEEP_DOVECOT) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}

async function waitForPort(port: number, log: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`Dovecot did not listen on ${port}:\n${await log()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

