import { DateTime } from 'luxon';
import type { ErasureKept, ErasureResult } from '../../../domain/erasure.service.js';
import { translate, type Language } from '../i18n/index.js';
import type { CommandReply } from './reply.js';

/** The reason an inquiry was kept, in the admin's words: a hold, a service still running, or a statutory period. */
function reasonOf(kept: ErasureKept, language: Language, zone: string): string {
  if (kept.reason === 'legal_hold') return translate(language, 'erasure.reason.legal_hold');
  if (kept.until === null) return translate(language, 'erasure.reason.open');
  return translate(language, 'erasure.reason.statutory', { until: DateTime.fromJSDate(kept.until, { zone }).toISODate()! });
}

/**
 * Issue #15, erasure on request: what the admin is told, privately — how many were anonymised and which, and each one
 * kept with its reason, by registry number. The person's e-mail or phone is never repeated (the chat keeps replies).
 */
export function erasureReply(result: ErasureResult, language: Language, zone: string): CommandReply {
  const lines = [translate(language, 'erasure.done', { count: result.anonymised.length })];
  if (result.anonymised.length > 0) lines.push(translate(language, 'erasure.anonymised', { numbers: result.anonymised.join(', ') }));
  if (result.kept.length > 0) {
    lines.push(translate(language, 'erasure.kept', { count: result.kept.length }));
    for (const kept of result.kept) lines.push(translate(language, 'erasure.kept_line', { number: kept.registryNumber, reason: reasonOf(kept, language, zone) }));
  }
  if (result.alreadyAnonymised.length > 0) lines.push(translate(language, 'erasure.already', { numbers: result.alreadyAnonymised.join(', ') }));
  return { kind: 'text', text: lines.join('\n') };
}
