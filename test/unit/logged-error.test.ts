import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { DomainError } from '../../src/domain/errors.js';
import { storableText, toStorableText } from '../../src/domain/storable-text.js';
import { createLogger } from '../../src/logger.js';
import { failureReason, isInfrastructureFailure } from '../../src/mail/intake-failure.js';

/** A logger at 'trace' writing into a string, as an operator's terminal would show it. */
function capturedLogger() {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return { logger: createLogger('trace', sink), text: () => text };
}

/** What TypeORM throws when PostgreSQL refuses a registration: the parameters ride along on the error. */
function refusedInsert(): QueryFailedError {
  const driverError = Object.assign(new Error('duplicate key value violates unique constraint "inquiries_external_id_key"'), {
    code: '23505',
    severity: 'ERROR',
    detail: 'Key (external_id)=(<ruta.personal@example.lt>) already exists.',
    constraint: 'inquiries_external_id_key',
    table: 'inquiries',
    where: 'SQL statement "INSERT … Rūta Personalaitė"',
  });
  return new QueryFailedError('INSERT INTO inquiries … VALUES ($1, $2, $3)', ['Rūta Personalaitė', 'ruta.personal@example.lt', '+370 611 22334'], driverError);
}

const PERSONAL = ['Rūta Personalaitė', 'ruta.personal@example.lt', '+370 611 22334', 'Personal'];

describe('log lines carry no personal data', () => {
  it('R12.records: a database error is logged with its code, constraint and frames, without parameters or detail', () => {
    const { logger, text } = capturedLogger();
    logger.error({ err: refusedInsert() }, 'web form inquiry not registered');
    logger.error(refusedInsert());
    logger.warn({ error: new Error('wrapped', { cause: refusedInsert() }) }, 'with a cause');
    const lines = text().trim().split('\n').map((line) => JSON.parse(line));
    for (const needle of PERSONAL) expect(text()).not.toContain(needle);
    expect(lines[0].err).toMatchObject({
      type: 'QueryFailedError',
      code: '23505',
      database: { constraint: 'inquiries_external_id_key', table: 'inquiries', severity: 'ERROR' },
    });
    expect(lines[0].err.stack).toMatch(/^QueryFailedError: duplicate key value violates unique constraint "\[value\]"\n\s+at /);
    expect(lines[0].err).not.toHaveProperty('parameters');
    expect(lines[1].msg).toBe('duplicate key value violates unique constraint "[value]"');
    expect(lines[2].error.cause).toMatchObject({ type: 'QueryFailedError', code: '23505' });
  });

  it('an e-mail address or a quoted value in any error message is masked, also in the line message', () => {
    const { logger, text } = capturedLogger();
    logger.warn({ err: new Error('550 5.1.1 <ruta.personal@example.lt>: Recipient address rejected') });
    logger.error(new SyntaxError('Unexpected token \'R\', "Rūta Personalaitė" is not valid JSON'));
    for (const needle of PERSONAL) expect(text()).not.toContain(needle);
    expect(text()).toContain('[email]');
  });
});

describe('storable text', () => {
  it('drops NUL and replaces lone surrogates; a field of NULs only is empty', () => {
    expect(toStorableText('Ona\u0000 Onaitė \uD800x \uDC00')).toBe('Ona Onaitė \uFFFDx \uFFFD');
    expect(toStorableText('👍')).toBe('👍');
    expect(storableText().trim().min(1).safeParse('\u0000\u0000').success).toBe(false);
  });
});

describe('an e-mail that fails: its own problem or the infrastructure', () => {
  it('R15.register: data errors are the message\'s, connection errors the infrastructure\'s', () => {
    expect(isInfrastructureFailure(refusedInsert())).toBe(false);
    expect(failureReason(refusedInsert())).toBe('db:23505');
    expect(failureReason(new DomainError('INPUT.INVALID', 'x'))).toBe('INPUT.INVALID');
    expect(failureReason(new TypeError('x'))).toBe('TypeError');
    expect(isInfrastructureFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isInfrastructureFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
    const shutdown = new QueryFailedError('SELECT 1', [], Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' }));
    expect(isInfrastructureFailure(shutdown)).toBe(true);
    expect(isInfrastructureFailure(new Error('outer', { cause: shutdown }))).toBe(true);
  });
});
