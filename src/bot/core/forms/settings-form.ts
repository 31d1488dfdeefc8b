import type { Closure, InstitutionSettings } from '../../../domain/institution-settings.js';
import { translate } from '../i18n/index.js';
import type { FieldSpec, FormUseCase, FormValues } from './form-spec.js';
import { LANGUAGE_NAMES } from './inquiry-forms.js';

/** A text field of the settings: empty means the deployment's default. */
const optional = (id: string, label: FieldSpec['label'], hint?: FieldSpec['hint']): FieldSpec => ({ id, label, kind: 'text', required: false, ...(hint ? { hint } : {}) });

/** The settings that are whole numbers: typed as text, read as a number, refused by the domain when not one. */
const NUMBERS = ['replyWorkingDays', 'statutoryWorkingDays', 'reminderLeadMinutes', 'callReminderLeadMinutes'] as const;
const LETTERHEAD = ['address', 'code', 'phone', 'email', 'web'] as const;
const CHANNELS = ['slack', 'teams'] as const;
const LINKS = ['signer', 'procedureUrl', 'privacyUrl'] as const;

/**
 * Issue #17: an institution's admins keep its settings in chat — `settings` opens this form with what the institution
 * set itself; an emptied field goes back to the deployment's default. The domain checks the whole (readable office
 * hours, R14.reply-1wd's reminder shorter than the reply window) and each refusal is shown beside its field.
 */
export const institutionSettingsForm: FormUseCase = {
  spec: {
    id: 'institution_settings',
    title: 'form.settings.title',
    fields: [
      optional('name', 'form.settings.name'),
      optional('letterhead.address', 'form.settings.address'),
      optional('letterhead.code', 'form.settings.code'),
      optional('letterhead.phone', 'form.settings.phone'),
      optional('letterhead.email', 'form.settings.email'),
      optional('letterhead.web', 'form.settings.web'),
      optional('officeHours', 'form.settings.office_hours', 'form.settings.office_hours_hint'),
      { id: 'closures', label: 'form.settings.closures', kind: 'multiline', required: false, hint: 'form.settings.closures_hint' },
      optional('replyWorkingDays', 'form.settings.reply_days'),
      optional('statutoryWorkingDays', 'form.settings.statutory_days'),
      optional('reminderLeadMinutes', 'form.settings.reminder_lead'),
      optional('callReminderLeadMinutes', 'form.settings.call_reminder_lead'),
      optional('staffChannel.slack', 'form.settings.slack_channel'),
      optional('staffChannel.teams', 'form.settings.teams_channel'),
      optional('signer', 'form.settings.signer', 'form.settings.signer_hint'),
      optional('procedureUrl', 'form.settings.procedure_url'),
      optional('privacyUrl', 'form.settings.privacy_url'),
      {
        id: 'defaultLanguage',
        label: 'form.settings.language',
        kind: 'choice',
        required: false,
        choices: (['lt', 'en'] as const).map((value) => ({ value, label: { literal: LANGUAGE_NAMES[value] } })),
      },
    ],
  },
  // Refused before it opens to anyone but the institution's admins (STAFF.NOT_ALLOWED).
  async before(services, { actor }) {
    await services.institutionSettings.show(actor.id);
  },
  async initial(services, { actor }) {
    return valuesOf((await services.institutionSettings.show(actor.id)).own);
  },
  async submit(services, { actor, language }, _target, values) {
    const settings = await services.institutionSettings.replace(actor.id, settingsOf(values));
    return translate(language, 'reply.settings_saved', { name: settings.name, hours: settings.officeHours });
  },
};

/** The form's values for what the institution set: nested parts by their dotted ids, closures one per line. */
function valuesOf(own: InstitutionSettings): FormValues {
  const values: Record<string, string> = {};
  if (own.name) values.name = own.name;
  if (own.officeHours) values.officeHours = own.officeHours;
  if (own.defaultLanguage) values.defaultLanguage = own.defaultLanguage;
  for (const key of NUMBERS) if (own[key] !== undefined) values[key] = String(own[key]);
  for (const key of LINKS) if (own[key]) values[key] = own[key]!;
  for (const key of LETTERHEAD) if (own.letterhead?.[key]) values[`letterhead.${key}`] = own.letterhead[key]!;
  for (const key of CHANNELS) if (own.staffChannel?.[key]) values[`staffChannel.${key}`] = own.staffChannel[key]!;
  if (own.closures?.length) values.closures = own.closures.map(closureLine).join('\n');
  return values;
}

/** What the form says, as the settings the domain checks: an empty field is left out (the default applies). */
function settingsOf(values: FormValues): Record<string, unknown> {
  const filled = (id: string) => (values[id] ?? '').trim();
  const settings: Record<string, unknown> = {};
  for (const key of ['name', 'officeHours', 'defaultLanguage', ...LINKS]) if (filled(key)) settings[key] = filled(key);
  // Not a number stays text: the domain refuses it beside its field.
  for (const key of NUMBERS) if (filled(key)) settings[key] = /^\d+$/.test(filled(key)) ? Number(filled(key)) : filled(key);
  const nested = (prefix: string, keys: readonly string[]) => Object.fromEntries(keys.filter((key) => filled(`${prefix}.${key}`)).map((key) => [key, filled(`${prefix}.${key}`)]));
  const letterhead = nested('letterhead', LETTERHEAD);
  if (Object.keys(letterhead).length > 0) settings.letterhead = letterhead;
  const channels = nested('staffChannel', CHANNELS);
  if (Object.keys(channels).length > 0) settings.staffChannel = channels;
  const closures = filled('closures').split('\n').map((line) => line.trim()).filter((line) => line !== '');
  if (closures.length > 0) settings.closures = closures.map(closureOf);
  return settings;
}

/** `2027-07-01 2027-08-31 Vasaros atostogos`, or one day: `2027-11-02 Vėlinės`. */
function closureLine(closure: Closure): string {
  return closure.from === closure.to ? `${closure.from} ${closure.reason}` : `${closure.from} ${closure.to} ${closure.reason}`;
}

/** A line as a closure; one that is not of that shape goes to the domain as it is, which refuses it beside the field. */
function closureOf(line: string): unknown {
  const match = /^(\d{4}-\d{2}-\d{2})(?:\s*(?:–|-|\.\.|\s)\s*(\d{4}-\d{2}-\d{2}))?\s+(.+)$/.exec(line);
  return match ? { from: match[1], to: match[2] ?? match[1], reason: match[3] } : { from: line, to: line, reason: line };
}
