import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('has working defaults for a fresh machine (embedded database, Vilnius, 08:00–17:00)', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config).toMatchObject({
      PORT: 3000,
      TIME_ZONE: 'Europe/Vilnius',
      OFFICE_HOURS: 'Mon-Fri 08:00-17:00',
      REMINDER_LEAD_MINUTES: 120,
      REPLY_WORKING_DAYS: 1,
      STATUTORY_WORKING_DAYS: 20,
    });
  });

  it.each([
    ['PORT', 'eighty', 'PORT'],
    ['DATABASE_URL', 'mysql://localhost/x', 'DATABASE_URL'],
    ['TIME_ZONE', 'Europe/Kaunas', 'TIME_ZONE'],
    ['REMINDER_LEAD_MINUTES', '-5', 'REMINDER_LEAD_MINUTES'],
    ['OVERDUE_OUTSIDE_OFFICE_HOURS', 'maybe', 'OVERDUE_OUTSIDE_OFFICE_HOURS'],
  ])('a malformed %s stops the start with a message naming it', (name, value, named) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration:\\n  - ${named}:`));
  });

  it('an empty variable means its default', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(3000);
  });
});
