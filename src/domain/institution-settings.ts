import { z } from 'zod';
import type { HolidayCalendar } from './calendar/holiday-calendar.js';
import { parseOfficeHours, type OfficeHours } from './calendar/office-hours.js';
import { DomainError } from './errors.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2027-07-01');

/** Days the institution is closed on top of the public holidays: the summer closure, a quarantine (issue #17). */
export const closureSchema = z
  .object({ from: isoDate, to: isoDate, reason: z.string().trim().min(1).max(200) })
  .refine((closure) => closure.from <= closure.to, { path: ['to'], message: 'ends before it starts' });
export type Closure = z.infer<typeof closureSchema>;

/**
 * What an institution's admins set for it (issue #17), each part falling back to the deployment's default (the
 * environment) while unset. Deadlines (R14.reply-1wd, R59.statutory) are counted on its own office hours and days.
 */
export const institutionSettingsSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    letterhead: z
      .object({
        address: z.string().trim().min(1).max(300),
        code: z.string().regex(/^[0-9]{5,12}$/, 'a legal entity code such as 190012345'),
        phone: z.string().regex(/^\+?[0-9 ()-]{5,20}$/, 'a phone number such as +370 37 000000'),
        email: z.email(),
        web: z.url({ protocol: /^https?$/ }),
      })
      .partial()
      .strict(),
    officeHours: z.string().trim().min(1).max(200),
    closures: z.array(closureSchema).max(100),
    replyWorkingDays: z.number().int().min(1).max(30),
    statutoryWorkingDays: z.number().int().min(1).max(120),
    reminderLeadMinutes: z.number().int().min(0).max(24 * 60),
    callReminderLeadMinutes: z.number().int().min(0).max(24 * 60),
    staffChannel: z
      .object({
        slack: z.string().regex(/^[CG][A-Z0-9]+$/, 'a channel id such as C0123456789'),
        teams: z.string().regex(/^19:/, 'a Teams channel id such as 19:…@thread.tacv2'),
      })
      .partial()
      .strict(),
    /** Who signs the acknowledgements (the signature rule); unset: they go out unsigned by a person. */
    signer: z.email(),
    procedureUrl: z.url(),
    privacyUrl: z.url(),
    defaultLanguage: z.enum(['lt', 'en']),
  })
  .partial()
  .strict();
export type InstitutionSettings = z.infer<typeof institutionSettingsSchema>;

/** The settings in force: every part set, from the institution's own or else the deployment's default. */
export type EffectiveSettings = Required<Omit<InstitutionSettings, 'letterhead' | 'staffChannel' | 'signer' | 'procedureUrl' | 'privacyUrl'>> &
  Pick<InstitutionSettings, 'signer' | 'procedureUrl' | 'privacyUrl'> & {
    letterhead: NonNullable<InstitutionSettings['letterhead']>;
    staffChannel: NonNullable<InstitutionSettings['staffChannel']>;
  };

/** The institution's name and contacts for its letters and public pages; unset parts are null. */
export function letterheadOf(settings: EffectiveSettings) {
  const { address, code, phone, email, web } = settings.letterhead;
  return { name: settings.name, address: address ?? null, code: code ?? null, phone: phone ?? null, email: email ?? null, web: web ?? null };
}

/** The institution's own settings over the deployment's defaults; nested parts (letterhead, channels) part by part. */
export function effectiveSettings(defaults: EffectiveSettings, own: InstitutionSettings): EffectiveSettings {
  return {
    ...defaults,
    ...own,
    letterhead: { ...defaults.letterhead, ...own.letterhead },
    staffChannel: { ...defaults.staffChannel, ...own.staffChannel },
  };
}

/**
 * The settings checked as a whole, as the environment's are at start: office hours that can be read in `zone`, and a
 * reminder that comes after the inquiry (R14.reply-1wd: a lead longer than the reply window would be lost).
 * Returns the problems, each naming its setting; none means they can be saved.
 */
export function settingsProblems(settings: EffectiveSettings, zone: string): Array<{ path: string; message: string }> {
  let hours: OfficeHours;
  try {
    hours = parseOfficeHours(settings.officeHours, zone);
  } catch (error) {
    return [{ path: 'officeHours', message: (error as Error).message }];
  }
  const window = settings.replyWorkingDays * shortestOfficeDayMinutes(hours);
  if (settings.reminderLeadMinutes < window) return [];
  const { reminderLeadMinutes: lead, replyWorkingDays: days, officeHours } = settings;
  return [{
    path: 'reminderLeadMinutes',
    message: `${lead} minutes is not shorter than the reply window (${days} working day(s) of the shortest office day in "${officeHours}" = ${window} office minutes); the reminder would come before the inquiry. Set it below ${window}`,
  }];
}

/**
 * Refuses settings that do not hold as a whole (`settingsProblems`) as INPUT.INVALID naming each part: the admins'
 * form and `institution:add` (issue #17) are refused alike, before anything is saved.
 */
export function assertSettingsHold(settings: EffectiveSettings, zone: string): void {
  const problems = settingsProblems(settings, zone);
  if (problems.length === 0) return;
  throw new DomainError('INPUT.INVALID', `Invalid settings: ${problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`, { fields: problems });
}

/** Minutes of the shortest open day of the week. */
function shortestOfficeDayMinutes({ week }: OfficeHours): number {
  const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
  return Math.min(...Object.values(week).flatMap((day) => (day ? [minutes(day.close) - minutes(day.open)] : [])));
}

/** The public holidays and the institution's own closure days, as one calendar of days off. */
export class ClosedDays implements HolidayCalendar {
  constructor(
    private readonly holidays: HolidayCalendar,
    private readonly closures: readonly Closure[],
  ) {}

  isHoliday(isoDate: string): boolean {
    return this.holidays.isHoliday(isoDate) || this.closures.some((closure) => closure.from <= isoDate && isoDate <= closure.to);
  }
}
