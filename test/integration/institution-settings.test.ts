import pg from 'pg';
import type { DomainServices } from '../../src/domain/services.js';
import { derivedAppUrl } from '../../src/persistence/app-role.js';
import { emailedRequest, expectCode, seedStaff, startTestApp, type TestApp } from '../support/app.js';

/**
 * Issue #17: each institution's admins keep its own settings; deadlines count its own office hours and closure days
 * on top of the Lithuanian holidays, while unset parts stay the deployment's defaults (the environment).
 */
let t: TestApp;
let second: DomainServices;
let secondId: number;
let admins: { first: string; second: string; representative: string };

beforeAll(async () => {
  t = await startTestApp();
  const staff = await seedStaff(t.app);
  await t.app.staff.importMembers([{ firstName: 'Aldona', surname: 'Adminė', email: 'aldona@daigelis.lt', roles: ['admin'] }]);
  [{ id: secondId }] = await t.database.asOwner<{ id: number }>(`INSERT INTO institutions (slug, name) VALUES ('saulute', 'Saulutė') RETURNING id`);
  second = t.app.forInstitution(secondId);
  await second.staff.importMembers([
    { firstName: 'Algė', surname: 'Algaitė', email: 'alge@saulute.lt', roles: ['admin', 'manager', 'representative'] },
  ]);
  const idOf = async (services: DomainServices, email: string) => (await services.queries.staffWithRole(null)).find((member) => member.email === email)!.id;
  admins = { first: await idOf(t.app, 'aldona@daigelis.lt'), second: await idOf(second, 'alge@saulute.lt'), representative: staff.ona.id };
}, 120_000);
afterAll(() => t?.stop());

describe('issue #17: per-institution settings', () => {
  it('only an admin of the institution may see or change them; a representative and a stranger are refused', async () => {
    await expectCode(t.app.institutionSettings.update(admins.representative, { name: 'Kita' }), 'STAFF.NOT_ALLOWED');
    await expectCode(t.app.institutionSettings.show(admins.representative), 'STAFF.NOT_ALLOWED');
    // The other institution's admin is nobody here.
    await expectCode(t.app.institutionSettings.update(admins.second, { name: 'Kita' }), 'STAFF.NOT_FOUND');
    expect((await t.app.institutionSettings.show(admins.first)).own).toEqual({});
  });

  it('settings that cannot work are refused, each part named, and nothing is saved', async () => {
    const unreadable = await expectCode(second.institutionSettings.update(admins.second, { officeHours: 'every day, sort of', replyWorkingDays: 0 }), 'INPUT.INVALID');
    expect((unreadable.details.fields as Array<{ path: string }>).map((field) => field.path)).toEqual(['replyWorkingDays']);
    const hours = await expectCode(second.institutionSettings.update(admins.second, { officeHours: 'every day, sort of' }), 'INPUT.INVALID');
    expect((hours.details.fields as Array<{ path: string }>).map((field) => field.path)).toEqual(['officeHours']);
    // R14.reply-1wd: a reminder as long as the reply window would come before the inquiry.
    const lead = await expectCode(second.institutionSettings.update(admins.second, { officeHours: 'Mon-Fri 08:00-12:00', reminderLeadMinutes: 240 }), 'INPUT.INVALID');
    expect((lead.details.fields as Array<{ path: string }>).map((field) => field.path)).toEqual(['reminderLeadMinutes']);
    const closure = await expectCode(second.institutionSettings.update(admins.second, { closures: [{ from: '2027-07-31', to: '2027-07-01', reason: 'Vasara' }] }), 'INPUT.INVALID');
    expect((closure.details.fields as Array<{ path: string }>).map((field) => field.path)).toEqual(['closures.0.to']);
    expect((await second.institutionSettings.show(admins.second)).own).toEqual({});
  });

  it("R14.reply-1wd: the same e-mail gets each institution's own deadline — its office hours, and its summer closure on top of the holidays", async () => {
    const effective = await second.institutionSettings.update(admins.second, {
      name: 'Lopšelis-darželis „Saulutė“',
      officeHours: 'Mon-Fri 07:00-16:00',
      closures: [{ from: '2027-07-01', to: '2027-07-31', reason: 'Vasaros atostogos' }],
    });
    expect(effective).toMatchObject({ name: 'Lopšelis-darželis „Saulutė“', officeHours: 'Mon-Fri 07:00-16:00', replyWorkingDays: 1 });
    // Wednesday 30 June 2027, 16:30 in Vilnius: still open at the first institution, closed at the second until August.
    const receivedAt = '2027-06-30T16:30:00+03:00';
    const ours = await t.app.inquiries.register(emailedRequest({ receivedAt }));
    const theirs = await second.inquiries.register(emailedRequest({ receivedAt }));
    expect(ours.inquiry.firstReplyDue.toISOString()).toBe(new Date('2027-07-01T16:30:00+03:00').toISOString());
    // Received after its 16:00 close, with July closed: due by the close of its first working day after, Monday 2 August.
    expect(theirs.inquiry.firstReplyDue.toISOString()).toBe(new Date('2027-08-02T16:00:00+03:00').toISOString());
    // The first institution's settings are untouched.
    expect((await t.app.institutionSettings.show(admins.first)).own).toEqual({});
  });

  it("a transaction of one institution cannot change another's settings", async () => {
    const client = new pg.Client({ connectionString: derivedAppUrl(t.database.url) });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('langelis.institution', $1, true)`, [String(secondId)]);
      expect((await client.query(`UPDATE institutions SET settings = '{"name": "Užgrobta"}' WHERE id = 1`)).rowCount).toBe(0);
      // Reading the others' names is allowed: they are public.
      expect((await client.query('SELECT count(*)::int AS n FROM institutions')).rows[0].n).toBe(2);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    expect(await t.database.asOwner(`SELECT settings FROM institutions WHERE id = 1`)).toEqual([{ settings: {} }]);
  });
});
