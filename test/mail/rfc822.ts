/**
 * Real RFC 822 messages as a Lithuanian mailbox receives them, built byte by byte (no mail library on
 * this side, so the intake's decoding is tested against independently encoded input).
 */

// Lithuanian letters have the same code points in Windows-1257 and ISO-8859-13.
const BALTIC: Record<string, number> = {
  ą: 0xe0, č: 0xe8, ę: 0xe6, ė: 0xeb, į: 0xe1, š: 0xf0, ų: 0xf8, ū: 0xfb, ž: 0xfe,
  Ą: 0xc0, Č: 0xc8, Ę: 0xc6, Ė: 0xcb, Į: 0xc1, Š: 0xd0, Ų: 0xd8, Ū: 0xdb, Ž: 0xde,
};

/** Text in Windows-1257 / ISO-8859-13 bytes. */
export function baltic(text: string): Buffer {
  return Buffer.from(
    [...text].map((char) => {
      if (char in BALTIC) return BALTIC[char]!;
      const code = char.charCodeAt(0);
      if (code > 0x7e) throw new Error(`no Baltic byte for ${char}`);
      return code;
    }),
  );
}

/** Quoted-printable of raw bytes (no soft line breaks: the test texts are short). */
export function quotedPrintable(bytes: Buffer): string {
  return [...bytes].map((byte) => (byte >= 0x21 && byte <= 0x7e && byte !== 0x3d && byte !== 0x3f && byte !== 0x5f ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** RFC 2047 encoded word. */
export function encodedWord(text: string, charset: 'UTF-8' | 'windows-1257' | 'ISO-8859-13', encoding: 'B' | 'Q'): string {
  const bytes = charset === 'UTF-8' ? Buffer.from(text, 'utf8') : baltic(text);
  return `=?${charset}?${encoding}?${encoding === 'B' ? bytes.toString('base64') : quotedPrintable(bytes).replace(/=20/g, '_')}?=`;
}

export interface MessageParts {
  from: string;
  subject: string;
  messageId: string;
  extraHeaders?: string[];
  contentType: string;
  transferEncoding?: string;
  body: Buffer | string;
}

export function rfc822(parts: MessageParts): Buffer {
  const head = [
    `From: ${parts.from}`,
    'To: rastine@daigelis.lt',
    `Subject: ${parts.subject}`,
    `Message-ID: ${parts.messageId}`,
    'Date: Mon, 1 Mar 2027 09:00:00 +0200',
    'MIME-Version: 1.0',
    `Content-Type: ${parts.contentType}`,
    ...(parts.transferEncoding ? [`Content-Transfer-Encoding: ${parts.transferEncoding}`] : []),
    ...(parts.extraHeaders ?? []),
  ].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), typeof parts.body === 'string' ? Buffer.from(parts.body, 'utf8') : parts.body, Buffer.from('\r\n')]);
}

export function base64Lines(bytes: Buffer): string {
  return bytes.toString('base64').replace(/.{1,76}/g, '$&\r\n');
}
