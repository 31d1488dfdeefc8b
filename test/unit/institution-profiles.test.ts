import { LithuanianHolidays } from '../../src/calendar/lithuanian-holidays.js';
import { DEFAULT_DEADLINE_POLICY, DeadlinePolicy } from '../../src/domain/deadline-policy.js';
import { inInstitution } from '../../src/domain/institution.js';
import { InstitutionProfiles, type InstitutionSettingsStore, type StoredInstitution } from '../../src/domain/institution-profiles.js';
import type { EffectiveSettings, InstitutionSettings } from '../../src/domain/institution-settings.js';

const defaults: EffectiveSettings = {
  name: 'Numatytoji',
  letterhead: {},
  officeHours: 'Mon-Fri 08:00-17:00',
  closures: [],
  replyWorkingDays: 1,
  statutoryWorkingDays: 20,
  reminderLeadMinutes: 120,
  callReminderLeadMinutes: 10,
  staffChannel: {},
  defaultLanguage: 'lt',
};

/** A store whose next answer the test decides, and can hold back until it says so. */
class Store implements InstitutionSettingsStore {
  stored = new Map<number, InstitutionSettings>([[1, {}]]);
  private held: Array<() => void> = [];
  holding = false;
  async all(): Promise<Map<number, StoredInstitution>> {
    const answer = new Map([...this.stored].map(([id, own]) => [id, { slug: `istaiga-${id}`, name: `Įstaiga ${id}`, own }]));
    if (this.holding) await new Promise<void>((resolve) => this.held.push(resolve));
    return answer;
  }
  release(): void {
    for (const resolve of this.held.splice(0)) resolve();
  }
}

const profilesOn = (store: Store) => new InstitutionProfiles(store, { defaults, zone: 'Europe/Vilnius', holidays: new LithuanianHolidays(), options: DEFAULT_DEADLINE_POLICY });

describe('issue #17: each institution’s settings in force', () => {
  it("R14.reply-1wd: a policy counts the deadline on the calendar of the institution whose work it is — its hours, its closure days", async () => {
    const store = new Store();
    store.stored.set(2, { officeHours: 'Mon-Fri 07:00-15:00', closures: [{ from: '2027-03-02', to: '2027-03-05', reason: 'Karantinas' }] });
    const profiles = profilesOn(store);
    await profiles.load();
    const policy = new DeadlinePolicy(() => profiles.current());
    const receivedAt = new Date('2027-03-01T10:00:00+02:00');
    expect(inInstitution(1, () => policy.firstReplyDue(receivedAt)).toISOString()).toBe(new Date('2027-03-02T10:00:00+02:00').toISOString());
    // Quarantine Tuesday to Friday: the working day after Monday is Monday 8 March.
    expect(inInstitution(2, () => policy.firstReplyDue(receivedAt)).toISOString()).toBe(new Date('2027-03-08T10:00:00+02:00').toISOString());
    expect(() => policy.firstReplyDue(receivedAt)).toThrow(/outside any institution/);
  });

  it('an institution added since the last load has the defaults at once; a load in flight never undoes a change saved here meanwhile', async () => {
    const store = new Store();
    const profiles = profilesOn(store);
    await profiles.load();
    expect(profiles.of(7).settings).toEqual(defaults);

    store.holding = true;
    const loading = profiles.load();
    profiles.replace(1, { name: 'Pervadinta' });
    store.release();
    await loading;
    expect(profiles.of(1).settings.name).toBe('Pervadinta');

    // A later load reads what is stored.
    store.holding = false;
    store.stored.set(1, { name: 'Iš kitos kopijos' });
    await profiles.load();
    expect(profiles.of(1).settings.name).toBe('Iš kitos kopijos');
  });

  it("another institution takes the environment's terms but nothing the environment says of the first institution", async () => {
    const store = new Store();
    store.stored.set(2, {});
    const first = { ...defaults, letterhead: { address: 'Daigelio g. 1, Kaunas' }, staffChannel: { slack: 'C0FIRST01' }, signer: 'vadove@daigelis.lt', procedureUrl: 'https://daigelis.lt/tvarka' };
    const profiles = new InstitutionProfiles(store, { defaults: first, zone: 'Europe/Vilnius', holidays: new LithuanianHolidays(), options: DEFAULT_DEADLINE_POLICY });
    await profiles.load();
    expect(profiles.of(1).settings).toEqual(first);
    const other = profiles.of(2).settings;
    // Its name is the one it was added under; its letters, channel and signature are its own to set.
    expect(other).toEqual({ ...defaults, name: 'Įstaiga 2', letterhead: {}, staffChannel: {} });
    expect(other).not.toHaveProperty('signer');
    expect(other).not.toHaveProperty('procedureUrl');
  });
});
