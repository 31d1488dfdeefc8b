import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/** One data key: its id (written in front of every value it sealed) and its 32 bytes. */
export interface DataKey {
  id: string;
  key: Buffer;
}

/** A key id as DATA_KEYS names it: short, and never containing the `:` that ends it in a sealed value. */
export const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** `v1:<key id>:` then the 12-byte IV, the 16-byte GCM tag and the ciphertext. */
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A sealed value that cannot be opened: altered, cut short, or sealed with a key this installation does not have. */
export class SealedValueError extends Error {
  constructor(
    message: string,
    readonly code: 'DATA.TAMPERED' | 'DATA.UNKNOWN_KEY' | 'DATA.MALFORMED',
  ) {
    super(message);
    this.name = 'SealedValueError';
  }
}

/**
 * Health data at rest (attachments, printable letters): AES-256-GCM with a fresh 96-bit IV per value and the
 * authentication tag kept, so a changed byte is refused rather than read as something else. Each value names
 * the key that sealed it, so keys rotate: the first key seals, every key opens (docs/data-protection.md).
 * `context` (table and row id) is authenticated too: a value copied onto another row does not open there.
 */
export class DataCipher {
  private readonly byId: ReadonlyMap<string, Buffer>;

  constructor(private readonly keys: readonly DataKey[]) {
    if (keys.length === 0) throw new Error('At least one data key is needed');
    for (const { id, key } of keys) {
      if (!KEY_ID.test(id)) throw new Error(`Data key id ${JSON.stringify(id)} is not 1–32 letters, digits, - or _`);
      if (key.length !== 32) throw new Error(`Data key ${id} has ${key.length} bytes; AES-256 needs 32`);
    }
    this.byId = new Map(keys.map(({ id, key }) => [id, key]));
    if (this.byId.size !== keys.length) throw new Error('Data key ids must be distinct');
  }

  /** The id of the key new values are sealed with. */
  get currentKeyId(): string {
    return this.keys[0]!.id;
  }

  seal(plain: Buffer, context: string): Buffer {
    const { id, key } = this.keys[0]!;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.from(`${VERSION}:${id}:`, 'ascii'), iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Buffer, context: string): Buffer {
    const { keyId, rest } = split(sealed);
    const key = this.byId.get(keyId);
    if (!key) throw new SealedValueError(`The value was sealed with data key ${keyId}, which DATA_KEYS does not list`, 'DATA.UNKNOWN_KEY');
    if (rest.length < IV_BYTES + TAG_BYTES) throw new SealedValueError('The sealed value is cut short', 'DATA.MALFORMED');
    const decipher = createDecipheriv('aes-256-gcm', key, rest.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(rest.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(rest.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      throw new SealedValueError('The sealed value does not authenticate: it was altered or belongs to another row', 'DATA.TAMPERED');
    }
  }

  sealText(plain: string, context: string): Buffer {
    return this.seal(Buffer.from(plain, 'utf8'), context);
  }

  openText(sealed: Buffer, context: string): string {
    return this.open(sealed, context).toString('utf8');
  }

  /** The prefix every value sealed with the current key starts with (the rekey step skips those). */
  currentPrefix(): Buffer {
    return Buffer.from(`${VERSION}:${this.currentKeyId}:`, 'ascii');
  }
}

/** The id of the key that sealed `sealed` (for rotation reports). */
export function keyIdOf(sealed: Buffer): string {
  return split(sealed).keyId;
}

function split(sealed: Buffer): { keyId: string; rest: Buffer } {
  const head = sealed.subarray(0, 3 + 33).toString('latin1');
  const match = /^v1:([A-Za-z0-9_-]{1,32}):/.exec(head);
  if (!match) throw new SealedValueError('Not a sealed value', 'DATA.MALFORMED');
  return { keyId: match[1]!, rest: sealed.subarray(match[0].length) };
}

/** The authenticated context of a sealed column: which table, which row, which column. */
export function sealContext(table: string, column: string, id: string): string {
  return `langelis:${table}.${column}:${id}`;
}

/**
 * The cipher of each open database. Repositories are made per transaction from an EntityManager, so the cipher
 * travels with the connection they belong to (bound by `connectDatabase`) rather than through every constructor.
 */
const ciphers = new WeakMap<DataSource, { cipher: DataCipher }>();

/** Binds `cipher` to `dataSource` and to every source sharing its keys (`shareCipher`). */
export function bindCipher(dataSource: DataSource, cipher: DataCipher): void {
  const bound = ciphers.get(dataSource);
  if (bound) bound.cipher = cipher;
  else ciphers.set(dataSource, { cipher });
}

/** `view` (another source on the same database) seals and opens with `dataSource`'s keys, now and after a rotation. */
export function shareCipher(view: DataSource, dataSource: DataSource): void {
  const bound = ciphers.get(dataSource);
  if (!bound) throw new Error('No data key is bound to this database: open it with connectDatabase (src/app.ts), which reads DATA_KEYS');
  ciphers.set(view, bound);
}

/** The cipher of the database `manager` works on; an error naming the cause when none was bound. */
export function cipherOf(manager: EntityManager): DataCipher {
  const cipher = ciphers.get(manager.connection)?.cipher;
  if (!cipher) throw new Error('No data key is bound to this database: open it with connectDatabase (src/app.ts), which reads DATA_KEYS');
  return cipher;
}
