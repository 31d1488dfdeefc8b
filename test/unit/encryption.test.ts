import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, secretsOf } from '../../src/config.js';
import { secretRedactor } from '../../src/logger.js';
import { resolveDataKeys } from '../../src/persistence/data-keys.js';
import { DataCipher, keyIdOf, SealedValueError } from '../../src/persistence/encryption.js';
import { testDataKey } from '../support/encryption-keys.js';

/** Issue #15: health data encrypted at rest (AES-256-GCM, keys from the environment, rotation) and secrets never printed. */

const keys = (text: string) => loadConfig({ DATA_KEYS: text }).DATA_KEYS!;
const CONTEXT = 'langelis:mail_attachments.content:2f0c5c55-5b43-4a55-9d51-000000000001';
const HEALTH = Buffer.from('Pažyma: alergija riešutams', 'utf8');

describe('R12.records: the data cipher', () => {
  it('R12.records: a sealed value is not the plaintext, names its key, and differs every time (a fresh IV)', () => {
    const cipher = new DataCipher(keys(testDataKey('k1')));
    const first = cipher.seal(HEALTH, CONTEXT);
    const second = cipher.seal(HEALTH, CONTEXT);
    expect(first.subarray(0, 6).toString('latin1')).toBe('v1:k1:');
    expect(keyIdOf(first)).toBe('k1');
    expect(first.includes(HEALTH)).toBe(false);
    expect(first.equals(second)).toBe(false);
    expect(first.length).toBe(6 + 12 + 16 + HEALTH.length);
    expect(cipher.open(first, CONTEXT)).toEqual(HEALTH);
  });

  it('R12.records: after a rotation the new first key seals, and values of the old key still open; without it they are refused', () => {
    const old = new DataCipher(keys(testDataKey('k1')));
    const sealedBefore = old.seal(HEALTH, CONTEXT);
    const rotated = new DataCipher(keys(`${testDataKey('k2')},${testDataKey('k1')}`));
    expect(rotated.open(sealedBefore, CONTEXT)).toEqual(HEALTH);
    expect(keyIdOf(rotated.seal(HEALTH, CONTEXT))).toBe('k2');
    const newOnly = new DataCipher(keys(testDataKey('k2')));
    expect(() => newOnly.open(sealedBefore, CONTEXT)).toThrow(expect.objectContaining({ code: 'DATA.UNKNOWN_KEY' }));
  });

  it('R12.records: a tampered ciphertext, tag or IV, another row\'s context, or a key of the same id but other bytes is refused', () => {
    const cipher = new DataCipher(keys(testDataKey('k1')));
    const sealed = cipher.seal(HEALTH, CONTEXT);
    for (const at of [6, 6 + 12, sealed.length - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[at] = tampered[at]! ^ 0x01;
      expect(() => cipher.open(tampered, CONTEXT)).toThrow(SealedValueError);
      expect(() => cipher.open(tampered, CONTEXT)).toThrow(expect.objectContaining({ code: 'DATA.TAMPERED' }));
    }
    expect(() => cipher.open(sealed, CONTEXT.replace('01', '02'))).toThrow(expect.objectContaining({ code: 'DATA.TAMPERED' }));
    expect(() => cipher.open(sealed.subarray(0, 20), CONTEXT)).toThrow(expect.objectContaining({ code: 'DATA.MALFORMED' }));
    expect(() => cipher.open(HEALTH, CONTEXT)).toThrow(expect.objectContaining({ code: 'DATA.MALFORMED' }));
    const impostor = new DataCipher([{ id: 'k1', key: Buffer.alloc(32, 7) }]);
    expect(() => impostor.open(sealed, CONTEXT)).toThrow(expect.objectContaining({ code: 'DATA.TAMPERED' }));
  });
});

describe('DATA_KEYS in the configuration', () => {
  it('a key of the wrong length, one without an id, or an id twice is refused with the variable and the key id named, never the value', () => {
    const short = `k3:${Buffer.alloc(16, 1).toString('base64')}`;
    for (const [value, message] of [
      [short, /DATA_KEYS: key k3 is 16 bytes; each key must be 32 random bytes in base64/],
      [Buffer.alloc(32, 1).toString('base64'), /DATA_KEYS: key 1 has no id/],
      [`${testDataKey('k1')},${testDataKey('k1')}`, /DATA_KEYS: names a key id twice/],
    ] as const) {
      let thrown: unknown;
      try {
        loadConfig({ DATA_KEYS: value });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigError);
      expect((thrown as Error).message).toMatch(message);
      expect((thrown as Error).message).not.toContain(value.split(':').at(-1));
    }
  });

  it('production with DATABASE_URL and no DATA_KEYS does not start; the embedded default and development do', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db.example/langelis' })).toThrow(/DATA_KEYS: is required in production with DATABASE_URL/);
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db.example/langelis', DATA_KEYS: testDataKey('k1') }).DATA_KEYS).toHaveLength(1);
    expect(loadConfig({ NODE_ENV: 'production' }).DATA_KEYS).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: 'postgres://db.example/langelis' }).DATA_KEYS).toBeUndefined();
  });

  it('with no DATA_KEYS a key is made once in DATA_DIR (readable by its owner only), said loudly, and kept for the next start', async () => {
    const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'langelis-keys-')), 'data');
    const warnings: string[] = [];
    const logger = { warn: (_object: unknown, message: string) => void warnings.push(message) } as never;
    const first = await resolveDataKeys(loadConfig({ DATA_DIR: dataDir }), logger);
    const again = await resolveDataKeys(loadConfig({ DATA_DIR: dataDir }), logger);
    expect(first).toHaveLength(1);
    expect(again[0]!.key.equals(first[0]!.key)).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/DATA_KEYS is not set: made a data key in .*data-keys.*BACK IT UP/);
    expect(warnings[0]).not.toContain(first[0]!.key.toString('base64'));
    const file = path.join(dataDir, 'data-keys');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toBe(`k1:${first[0]!.key.toString('base64')}`);
  });
});

describe('least privilege: secrets never printed', () => {
  it('every configured secret, and any URL password, is cut from a log line, also URL-encoded or JSON-escaped', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-slack-token-1234',
      SLACK_SIGNING_SECRET: 'signing-secret-5678',
      MicrosoftAppPassword: 'teams"pass/word',
      IMAP_URL: 'imap://intake:imap%2Fpass%40word@mail.example:143',
      SMTP_URL: 'smtp://sender:smtp-pass-9999@mail.example:587',
      DATA_KEYS: testDataKey('k1'),
    });
    const redact = secretRedactor(secretsOf(config));
    const dataKey = testDataKey('k1').slice(3);
    const line = JSON.stringify({
      msg: `login failed for imap/pass@word and ${encodeURIComponent('imap/pass@word')} with smtp-pass-9999`,
      slack: 'xoxb-slack-token-1234 signing-secret-5678',
      teams: 'teams"pass/word',
      url: 'smtps://someone:other-password@host.example:465',
      key: dataKey,
    });
    const clean = redact(line);
    for (const secret of ['xoxb-slack-token-1234', 'signing-secret-5678', 'imap/pass@word', 'imap%2Fpass%40word', 'smtp-pass-9999', 'teams\\"pass/word', 'other-password', dataKey]) {
      expect(clean).not.toContain(secret);
    }
    expect(clean).toContain('smtps://someone:[secret]@host.example:465');
  });
});
