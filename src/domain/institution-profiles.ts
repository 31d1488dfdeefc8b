import type { HolidayCalendar } from './calendar/holiday-calendar.js';
import { parseOfficeHours } from './calendar/office-hours.js';
import { WorkingCalendar } from './calendar/working-calendar.js';
import type { DeadlinePolicyOptions, PolicyTerms } from './deadline-policy.js';
import { FIRST_INSTITUTION, requireInstitution, type InstitutionId } from './institution.js';
import { ClosedDays, effectiveSettings, type EffectiveSettings, type InstitutionSettings } from './institution-settings.js';

/** An institution as it is kept: its address part, the name it was added under, and what its admins set. */
export interface StoredInstitution {
  slug: string;
  name: string;
  own: InstitutionSettings;
}

/** Where the institutions' own settings are kept (the `institutions` table). */
export interface InstitutionSettingsStore {
  /** Every institution, with its own settings (only what its admins set). */
  all(): Promise<Map<InstitutionId, StoredInstitution>>;
}

/** One institution's settings in force, with the working calendar and deadline terms made from them. */
export interface InstitutionProfile extends PolicyTerms {
  institution: InstitutionId;
  settings: EffectiveSettings;
}

/** What every institution starts from: the deployment's defaults (the environment) and the country's holidays. */
export interface ProfileBase {
  /**
   * The environment's settings. Its terms (office hours, working days, reminders, language) are every institution's
   * defaults; what it says of an institution itself (name, letterhead, staff channels, signer, procedure and privacy
   * links) is the first institution's alone — the one a deployment set up for one institution has always served.
   */
  defaults: EffectiveSettings;
  zone: string;
  holidays: HolidayCalendar;
  /** The deadline terms that are the deployment's alone (escalations, unclaimed nudges, callbacks). */
  options: DeadlinePolicyOptions;
}

/**
 * Each institution's settings in force (issue #17), kept in memory so a deadline is worked out without a query: loaded
 * at start, replaced at once when this instance saves a change, and reloaded every `refreshMs` for changes saved by
 * another instance. Deadlines (R14.reply-1wd, R59.statutory, R48.meeting-summary-2wd) count the institution's own
 * office hours, and its closure days on top of the public holidays.
 */
export class InstitutionProfiles {
  private profiles = new Map<InstitutionId, InstitutionProfile>();
  private loading: Promise<void> | null = null;
  /** Counts the changes made here, and when each institution's last one was, so a load never undoes a newer one. */
  private changes = 0;
  private readonly changedAt = new Map<InstitutionId, number>();
  /** The names institutions were added under (another institution's default name), and their address parts. */
  private names = new Map<InstitutionId, string>();
  private slugs = new Map<string, InstitutionId>();
  private addresses = new Map<InstitutionId, string>();

  constructor(
    private readonly store: InstitutionSettingsStore,
    private readonly base: ProfileBase,
  ) {}

  /** Loads every institution's settings; what is in memory stays in force until the load succeeds. */
  load(): Promise<void> {
    const started = this.changes;
    this.loading ??= this.store
      .all()
      .then((all) => {
        const previous = this.profiles;
        this.names = new Map([...all].map(([institution, stored]) => [institution, stored.name]));
        this.slugs = new Map([...all].map(([institution, stored]) => [stored.slug, institution]));
        this.addresses = new Map([...all].map(([institution, stored]) => [institution, stored.slug]));
        this.profiles = new Map([...all].map(([institution, stored]) => [institution, this.keep(previous.get(institution), institution, stored.own)]));
        // A change saved here while the load was reading is newer than what it read.
        for (const [institution, at] of this.changedAt) if (at > started) this.profiles.set(institution, previous.get(institution)!);
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  /** Loads the settings again when `institution` was added since the last load (its name is not known here yet). */
  async ensure(institution: InstitutionId): Promise<void> {
    if (!this.names.has(institution)) await this.load();
  }

  /**
   * The institution at `/<part>/`: its short name, or else its number (what `addressOf` gives an institution added
   * since the last load). Loads again when the part is not known yet.
   */
  async at(part: string): Promise<InstitutionId | null> {
    const find = () => this.slugs.get(part) ?? (/^[1-9]\d{0,9}$/.test(part) && this.names.has(Number(part)) ? Number(part) : undefined);
    if (find() === undefined) await this.load();
    return find() ?? null;
  }

  /** Every institution known since the last load. */
  institutions(): InstitutionId[] {
    return [...this.names.keys()];
  }

  /** The address part of `institution` (`/<part>/`): its short name, or its number until the short name is loaded. */
  addressOf(institution: InstitutionId): string {
    return this.addresses.get(institution) ?? String(institution);
  }

  /** The profile of the institution whose work is under way. */
  current(): InstitutionProfile {
    return this.of(requireInstitution());
  }

  of(institution: InstitutionId): InstitutionProfile {
    const known = this.profiles.get(institution);
    if (known) return known;
    // Added since the last load: a new institution has set nothing yet, so the defaults are its settings; a load now
    // picks up anything it set on another instance meanwhile.
    const profile = this.replace(institution, {});
    void this.load().catch(() => undefined);
    return profile;
  }

  /** The settings `own` would put in force in the current institution, before they are saved. */
  preview(own: InstitutionSettings): EffectiveSettings {
    return effectiveSettings(this.defaultsOf(requireInstitution()), own);
  }

  /** A change saved here takes effect at once. */
  replace(institution: InstitutionId, own: InstitutionSettings): InstitutionProfile {
    const profile = this.profileOf(institution, own);
    this.profiles.set(institution, profile);
    this.changes += 1;
    this.changedAt.set(institution, this.changes);
    return profile;
  }

  /** An unchanged institution keeps its profile, and with it its calendar's cache of worked-out days. */
  private keep(previous: InstitutionProfile | undefined, institution: InstitutionId, own: InstitutionSettings): InstitutionProfile {
    const next = effectiveSettings(this.defaultsOf(institution), own);
    if (previous && JSON.stringify(previous.settings) === JSON.stringify(next)) return previous;
    return this.profileOf(institution, own);
  }

  /** The first institution's defaults are the environment's; another's are its terms, under its own name. */
  private defaultsOf(institution: InstitutionId): EffectiveSettings {
    const { defaults } = this.base;
    if (institution === FIRST_INSTITUTION) return defaults;
    const { signer: _signer, procedureUrl: _procedure, privacyUrl: _privacy, ...terms } = defaults;
    return { ...terms, name: this.names.get(institution) ?? defaults.name, letterhead: {}, staffChannel: {} };
  }

  private profileOf(institution: InstitutionId, own: InstitutionSettings): InstitutionProfile {
    const settings = effectiveSettings(this.defaultsOf(institution), own);
    const calendar = new WorkingCalendar(parseOfficeHours(settings.officeHours, this.base.zone), new ClosedDays(this.base.holidays, settings.closures));
    return {
      institution,
      settings,
      calendar,
      options: {
        ...this.base.options,
        replyWorkingDays: settings.replyWorkingDays,
        statutoryWorkingDays: settings.statutoryWorkingDays,
        reminderLeadMinutes: settings.reminderLeadMinutes,
        callReminderLeadMinutes: settings.callReminderLeadMinutes,
      },
    };
  }
}
