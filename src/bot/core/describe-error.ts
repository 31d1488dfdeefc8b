import { DomainError } from '../../domain/errors.js';
import { translate, type Language, type MessageKey } from './i18n/index.js';

/** The one place a domain error becomes words for a person; anything unexpected gets a generic message. */
export function describeError(error: unknown, language: Language): string {
  if (!(error instanceof DomainError)) return translate(language, 'error.unexpected');
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(error.details)) {
    if (typeof value === 'string' || typeof value === 'number') params[name] = String(value);
  }
  if (error.code === 'INQUIRY.INVALID_TRANSITION' && typeof error.details.status === 'string') {
    params.status = translate(language, `status.${error.details.status}` as MessageKey);
  }
  if (error.code === 'INQUIRY.WRONG_ANSWER_CHANNEL' && typeof error.details.required === 'string') {
    params.required = translate(language, `answer.${error.details.required}` as MessageKey);
  }
  if (error.code === 'INPUT.INVALID') {
    const fields = (error.details.fields as Array<{ path: string }> | undefined) ?? [];
    params.fields = fields.map((field) => field.path).join(', ');
  }
  return translate(language, `error.${error.code}`, params);
}
