import { requireInstitution } from './institution.js';
import type { InstitutionProfiles } from './institution-profiles.js';
import { assertSettingsHold, institutionSettingsSchema, type EffectiveSettings, type InstitutionSettings } from './institution-settings.js';
import { requireAdminMember } from './staff.service.js';
import type { UnitOfWork } from './unit-of-work.js';
import { parseInput } from './validation.js';

/** The current institution's own settings, as stored (row-level security: a transaction reads and changes its own). */
export interface InstitutionSettingsRepository {
  own(): Promise<InstitutionSettings>;
  save(settings: InstitutionSettings): Promise<void>;
}

/**
 * Issue #17: an institution's admins keep its settings — and only theirs. A change is checked as a whole before it is
 * saved (office hours that can be read, a reminder shorter than the reply window, R14.reply-1wd), and deadlines
 * worked out from then on count the new office hours and closure days.
 */
export class InstitutionSettingsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly repository: InstitutionSettingsRepository,
    private readonly profiles: InstitutionProfiles,
    private readonly zone: string,
  ) {}

  /** The settings in force and what the institution set itself (the rest are the deployment's defaults). Admins only. */
  async show(actorId: string): Promise<{ own: InstitutionSettings; effective: EffectiveSettings }> {
    await this.admin(actorId);
    await this.profiles.ensure(requireInstitution());
    return { own: await this.repository.own(), effective: this.profiles.current().settings };
  }

  /** Changes the parts `changes` names (`INPUT.INVALID` naming each refused part); admins only (`STAFF.NOT_ALLOWED`). */
  async update(actorId: string, changes: unknown): Promise<EffectiveSettings> {
    await this.admin(actorId);
    await this.profiles.ensure(requireInstitution());
    return this.save({ ...(await this.repository.own()), ...parseInput(institutionSettingsSchema, changes) });
  }

  /**
   * Replaces everything the institution set with `settings` (the admins' settings form: a part left out goes back to
   * the deployment's default), checked as `update` checks a change. Admins only.
   */
  async replace(actorId: string, settings: unknown): Promise<EffectiveSettings> {
    await this.admin(actorId);
    await this.profiles.ensure(requireInstitution());
    return this.save(parseInput(institutionSettingsSchema, settings));
  }

  /**
   * Onboarding (issue #17): the app was invited to a channel of the institution's workspace while the institution has
   * no staff channel on that platform — that channel becomes it, as a Teams team's channel does when the app is added.
   * Returns whether it did; a staff channel already set is never replaced this way (an admin changes it).
   */
  async adoptStaffChannel(platform: 'slack' | 'teams', channel: string): Promise<boolean> {
    await this.profiles.ensure(requireInstitution());
    if (this.profiles.current().settings.staffChannel[platform]) return false;
    const stored = await this.repository.own();
    const own = { ...stored, staffChannel: { ...stored.staffChannel, ...parseInput(institutionSettingsSchema, { staffChannel: { [platform]: channel } }).staffChannel } };
    await this.repository.save(own);
    this.profiles.replace(requireInstitution(), own);
    return true;
  }

  /** Saves `own` once it holds as a whole; in force here at once. */
  private async save(own: InstitutionSettings): Promise<EffectiveSettings> {
    assertSettingsHold(this.profiles.preview(own), this.zone);
    await this.repository.save(own);
    return this.profiles.replace(requireInstitution(), own).settings;
  }

  private admin(actorId: string): Promise<void> {
    return requireAdmin(this.unitOfWork, actorId, "change the institution's settings");
  }
}

/** Refuses anyone but an active admin of the current institution (another institution's admin is nobody here). */
export async function requireAdmin(unitOfWork: UnitOfWork, actorId: string, action: string): Promise<void> {
  await unitOfWork.run(({ staff }) => requireAdminMember(staff, actorId, action));
}
