import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { eventually } from '../support/app.js';
import { importStaff, startAppProcess, type AppProcess } from '../support/app-process.js';
import { createTestDatabase, freePort, type TestDatabase } from '../support/database.js';
import { postWebForm, webFormFields } from '../support/web-form.js';

/**
 * Least privilege (issue #15): tokens, IMAP and SMTP passwords, the data keys and the link secret never appear in
 * what the service prints or in /healthz — not even when a server refuses them and quotes them back in its error.
 * The service runs as an operator runs it (`node dist/main.js`, LOG_LEVEL=trace); everything it printed is scanned.
 */

const TAG = randomBytes(5).toString('hex');
const SECRETS = {
  imapPassword: `imapPw${TAG}Zx/9`,
  smtpPassword: `smtpPw${TAG}Qy`,
  slackToken: `xoxb-0000-${TAG}-slacktok`,
  signingSecret: `signSecret${TAG}`,
  teamsPassword: `teamsPw${TAG}~Kv`,
  databasePassword: `dbPw${TAG}`,
  letterSecret: `letterLinkSecret${TAG}${'x'.repeat(20)}`,
  dataKey: randomBytes(32).toString('base64'),
};

/** An IMAP server that refuses every login and, like a careless server, quotes the command back in its refusal. */
async function echoingImapServer(): Promise<{ port: number; logins: () => number; close(): Promise<void> }> {
  let logins = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write('* OK [CAPABILITY IMAP4rev1] test server ready\r\n');
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const [tag, command = ''] = line.split(' ');
        if (/^LOGIN$/i.test(command)) {
          logins += 1;
          socket.write(`${tag} NO [AUTHENTICATIONFAILED] Invalid credentials: ${line.replace(/"/g, '')}\r\n`);
        } else if (/^CAPABILITY$/i.test(command)) socket.write(`* CAPABILITY IMAP4rev1\r\n${tag} OK done\r\n`);
        else if (/^LOGOUT$/i.test(command)) socket.end(`* BYE\r\n${tag} OK bye\r\n`);
        else socket.write(`${tag} BAD unknown command\r\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    logins: () => logins,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** An SMTP server that refuses the login and quotes the password it was given. */
async function refusingSmtpServer(): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth: (auth, _session, callback) => callback(Object.assign(new Error(`Invalid login for ${auth.username} with ${auth.password}`), { responseCode: 535 })),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { port: (server.server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Slack's Web API refusing the token. */
async function refusingSlackApi(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ ok: false, error: 'invalid_auth' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let database: TestDatabase;
let app: AppProcess | undefined;
const servers: Array<{ close(): Promise<void> }> = [];

afterAll(async () => {
  await app?.stop();
  for (const server of servers) await server.close();
  await database?.drop();
});

it('least privilege: no token, password or key in anything the process printed or in /healthz, through a refused SMTP login, a refused IMAP login and /healthz', async () => {
  database = await createTestDatabase();
  const imap = await echoingImapServer();
  const smtp = await refusingSmtpServer();
  const slack = await refusingSlackApi();
  servers.push(imap, smtp, slack);
  const databaseUrl = new URL(database.url);
  // The embedded test server has a password of its own: that one must be kept quiet. A server that trusts local
  // connections (DATABASE_URL=…@127.0.0.1:5432) accepts any, so the test's own is put in.
  if (databaseUrl.password === '') databaseUrl.password = SECRETS.databasePassword;
  SECRETS.databasePassword = decodeURIComponent(databaseUrl.password);
  const env = {
    DATABASE_URL: databaseUrl.toString(),
    DATA_KEYS: `k2:${SECRETS.dataKey}`,
  };
  await importStaff(path.resolve('examples/staff.example.yaml'), env);
  app = await startAppProcess('langelis', {
    ...env,
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    LOG_LEVEL: 'trace',
    IMAP_URL: `imap://intake:${encodeURIComponent(SECRETS.imapPassword)}@127.0.0.1:${imap.port}`,
    IMAP_POLL_SECONDS: '1',
    SMTP_URL: `smtp://sender:${encodeURIComponent(SECRETS.smtpPassword)}@127.0.0.1:${smtp.port}`,
    MAIL_ACKNOWLEDGEMENT_SIGNER: 'direktore@daigelis.lt',
    SLACK_BOT_TOKEN: SECRETS.slackToken,
    SLACK_SIGNING_SECRET: SECRETS.signingSecret,
    SLACK_STAFF_CHANNEL: 'C0STAFF01',
    SLACK_API_URL: slack.url,
    MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
    MicrosoftAppPassword: SECRETS.teamsPassword,
    LETTER_LINK_SECRET: SECRETS.letterSecret,
  });

  // A client's e-mail is acknowledged: the SMTP server refuses the login.
  const submitted = await postWebForm(app.url, webFormFields());
  expect(submitted.status).toBeLessThan(300);
  await eventually(() => expect(app!.output()).toContain('client e-mail not sent'), 30_000);
  // The mailbox refuses the login (and quoted the password back), at least twice.
  await eventually(() => expect(imap.logins()).toBeGreaterThanOrEqual(2), 30_000);
  await eventually(() => expect(app!.output()).toContain('mailbox poll failed'), 30_000);
  const health = await (await fetch(`${app.url}/healthz`)).text();
  expect(health).toContain('"mailbox"');
  expect(JSON.parse(health).mailbox.state).toBe('down');

  // The server's own words are kept with the e-mail (last_error) for whoever looks into the failure: without the password.
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  const recorded = await db.query('SELECT last_error FROM outgoing_emails').finally(() => db.end());
  const errors = recorded.rows.map((row) => String(row.last_error)).join('\n');
  expect(errors).toMatch(/Invalid login/);
  const printed = `${app.output()}\n${errors}`;
  for (const [name, secret] of Object.entries(SECRETS)) {
    for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) {
      expect({ name, inOutput: printed.includes(form), inHealth: health.includes(form) }).toEqual({ name, inOutput: false, inHealth: false });
    }
  }
  // The key's bytes in other spellings, too.
  const key = Buffer.from(SECRETS.dataKey, 'base64');
  for (const form of [key.toString('hex'), key.toString('base64url')]) expect(printed.includes(form) || health.includes(form)).toBe(false);
}, 120_000);
