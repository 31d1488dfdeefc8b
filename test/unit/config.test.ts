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

  it('issue #15: RETENTION_DUTY_KINDS is a list of kinds (complaints by default), read once', () => {
    expect(loadConfig({}).RETENTION_DUTY_KINDS).toEqual(['complaint']);
    expect(loadConfig({ RETENTION_DUTY_KINDS: ' Complaint, request,complaint ' }).RETENTION_DUTY_KINDS).toEqual(['complaint', 'request']);
    expect(loadConfig({ RETENTION_DUTY_KINDS: 'none' }).RETENTION_DUTY_KINDS).toEqual([]);
    expect(() => loadConfig({ RETENTION_DUTY_KINDS: 'complaint,skundas' })).toThrow(/^Invalid configuration:\n  - RETENTION_DUTY_KINDS/);
  });

  it('R12.records / issue #15: retention periods per kind default to 1825 / 1095 / 1825 days and are read as set', () => {
    expect(loadConfig({})).toMatchObject({ RETENTION_DAYS_REQUEST: 1825, RETENTION_DAYS_QUESTION: 1095, RETENTION_DAYS_COMPLAINT: 1825 });
    expect(loadConfig({ RETENTION_DAYS_REQUEST: '', RETENTION_DAYS_QUESTION: '', RETENTION_DAYS_COMPLAINT: '' })).toMatchObject({ RETENTION_DAYS_REQUEST: 1825, RETENTION_DAYS_QUESTION: 1095, RETENTION_DAYS_COMPLAINT: 1825 });
    expect(loadConfig({ RETENTION_DAYS_REQUEST: '1', RETENTION_DAYS_QUESTION: '365', RETENTION_DAYS_COMPLAINT: '36500' })).toMatchObject({ RETENTION_DAYS_REQUEST: 1, RETENTION_DAYS_QUESTION: 365, RETENTION_DAYS_COMPLAINT: 36_500 });
  });

  it.each([
    ['RETENTION_DAYS_REQUEST', '0'],
    ['RETENTION_DAYS_QUESTION', 'three years'],
    ['RETENTION_DAYS_COMPLAINT', '36501'],
    ['RETENTION_DAYS_REQUEST', '1.5'],
    ['RETENTION_DAYS_QUESTION', '-30'],
  ])('R12.records / issue #15: a bad retention period (%s=%s) is refused at start, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration:\\n  - ${name}:`));
  });

  it.each([
    ['PORT', 'eighty', 'PORT'],
    ['DATABASE_URL', 'mysql://localhost/x', 'DATABASE_URL'],
    ['TIME_ZONE', 'Europe/Kaunas', 'TIME_ZONE'],
    ['REMINDER_LEAD_MINUTES', '-5', 'REMINDER_LEAD_MINUTES'],
    ['OVERDUE_OUTSIDE_OFFICE_HOURS', 'maybe', 'OVERDUE_OUTSIDE_OFFICE_HOURS'],
    ['OVERDUE_ESCALATE_AFTER_OFFICE_HOURS', '-1', 'OVERDUE_ESCALATE_AFTER_OFFICE_HOURS'],
    ['UNCLAIMED_ESCALATE_AFTER_MINUTES', 'soon', 'UNCLAIMED_ESCALATE_AFTER_MINUTES'],
    ['MANAGER_ON_DUTY_EMAIL', 'vida', 'MANAGER_ON_DUTY_EMAIL'],
  ])('a malformed %s stops the start with a message naming it', (name, value, named) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration:\\n  - ${named}:`));
  });

  it('R14.reply-1wd: a reminder lead not shorter than the reply window is refused at start, naming the window', () => {
    // 1 working day of the shortest office day (Friday, 08:00–15:45 = 465 minutes).
    const env = { OFFICE_HOURS: 'Mon-Thu 08:00-17:00, Fri 08:00-15:45', REMINDER_LEAD_MINUTES: '465' };
    expect(() => loadConfig(env)).toThrow(/REMINDER_LEAD_MINUTES: 465 minutes is not shorter than the reply window .* = 465 office minutes.*Set it below 465/);
    expect(loadConfig({ ...env, REMINDER_LEAD_MINUTES: '464' }).REMINDER_LEAD_MINUTES).toBe(464);
    // Two working days make room for a longer lead.
    expect(loadConfig({ ...env, REMINDER_LEAD_MINUTES: '465', REPLY_WORKING_DAYS: '2' }).REMINDER_LEAD_MINUTES).toBe(465);
  });

  it('R4.owner / R14.reply-1wd: what stalls goes up after 4 office hours overdue and 120 office minutes unclaimed, to every manager unless one is on duty; 0 switches either off', () => {
    expect(loadConfig({})).toMatchObject({ OVERDUE_ESCALATE_AFTER_OFFICE_HOURS: 4, UNCLAIMED_ESCALATE_AFTER_MINUTES: 120 });
    expect(loadConfig({}).MANAGER_ON_DUTY_EMAIL).toBeUndefined();
    expect(loadConfig({ OVERDUE_ESCALATE_AFTER_OFFICE_HOURS: '0', UNCLAIMED_ESCALATE_AFTER_MINUTES: '0', MANAGER_ON_DUTY_EMAIL: 'vida@daigelis.lt' })).toMatchObject({
      OVERDUE_ESCALATE_AFTER_OFFICE_HOURS: 0, UNCLAIMED_ESCALATE_AFTER_MINUTES: 0, MANAGER_ON_DUTY_EMAIL: 'vida@daigelis.lt',
    });
  });

  it('malformed office hours stop the start with the calendar’s own explanation', () => {
    expect(() => loadConfig({ OFFICE_HOURS: 'Mon-Fri 17:00-08:00' })).toThrow(/OFFICE_HOURS: Office hours of Mon close \(08:00\) at or before they open \(17:00\)/);
  });

  it('an empty variable means its default', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(3000);
  });
});
