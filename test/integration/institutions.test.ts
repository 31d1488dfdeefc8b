import type { InquiryEvent } from '../../src/domain/events.js';
import { currentInstitution } from '../../src/domain/institution.js';
import type { DomainServices } from '../../src/domain/services.js';
import { blockAction, slashCommand } from '../slack/support/payloads.js';
import { postCommand, postInteraction } from '../slack/support/signed-requests.js';
import { startSlackHarness, STAFF_CHANNEL, type SlackHarness } from '../slack/support/slack-harness.js';
import { emailedRequest, eventually, expectCode, ManualClock, RecordingNotifier } from '../support/app.js';
import { asServiceRole } from '../support/database.js';

/**
 * Issue #17: two institutions side by side on one deployment. Everything the second one does stays inside it, and a
 * chat request of the first one that names the second one's inquiry finds nothing — PostgreSQL's row-level security
 * keeps each institution's rows out of the other's transactions, and the service's role cannot bypass it.
 */

/** Records, for each event it is handed, which institution's work the delivery was. */
class InstitutionRecorder extends RecordingNotifier {
  readonly deliveredAs: Array<{ event: InquiryEvent; institution: number | undefined }> = [];
  override async handle(event: InquiryEvent): Promise<void> {
    this.deliveredAs.push({ event, institution: currentInstitution() });
    await super.handle(event);
  }
}

let h: SlackHarness;
const clock = new ManualClock(new Date());
const recorder = new InstitutionRecorder();
let second: DomainServices;
let secondId: number;
let alge: { id: string };

beforeAll(async () => {
  h = await startSlackHarness({ notifiers: [recorder], clock });
  // A second institution, as `npm run institution:add` will make it; its staff directory is its own.
  [{ id: secondId }] = await h.t.database.asOwner<{ id: number }>(`INSERT INTO institutions (slug, name) VALUES ('saulute', 'Lopšelis-darželis „Saulutė“') RETURNING id`);
  second = h.t.app.forInstitution(secondId);
  await second.staff.importMembers([
    { firstName: 'Algė', surname: 'Algaitė', email: 'alge@saulute.lt', roles: ['manager', 'representative'], slackUserId: 'UALGE0001' },
    // The same person may work at both: each institution knows her under its own record.
    { firstName: 'Ona', surname: 'Onaitė', email: 'ona@daigelis.lt', manager: 'alge@saulute.lt', slackUserId: 'UONA00001' },
  ]);
  alge = (await second.queries.staffWithRole('manager')).find((member) => member.email === 'alge@saulute.lt')!;
}, 120_000);
afterAll(() => h?.stop());

describe('issue #17: one institution never reaches another', () => {
  it('R15.register: registry numbers are unique per institution and year — each starts at 1', async () => {
    const first = await h.t.app.inquiries.register(emailedRequest({ receivedAt: '2031-02-03T09:00:00+02:00' }));
    const other = await second.inquiries.register(emailedRequest({ receivedAt: '2031-02-03T09:00:00+02:00' }));
    expect(first.inquiry.registryNumber).toBe('2031-000001');
    expect(other.inquiry.registryNumber).toBe('2031-000001');
    // The same e-mail delivered to both mailboxes is an inquiry in each.
    const message = emailedRequest();
    expect((await h.t.app.inquiries.register(message)).created).toBe(true);
    expect((await second.inquiries.register(message)).created).toBe(true);
  });

  it("R4.owner: the other institution's inquiry is not found — not read, not claimed, not changed", async () => {
    const { inquiry } = await second.inquiries.register(emailedRequest());
    await expectCode(h.t.app.queries.get(inquiry.id), 'INQUIRY.NOT_FOUND');
    await expectCode(h.t.app.inquiries.claim(inquiry.id, h.staff.ona.id), 'INQUIRY.NOT_FOUND');
    // Nor can the other institution's staff act in this one.
    const { inquiry: ours } = await h.t.app.inquiries.register(emailedRequest());
    await expectCode(second.inquiries.claim(ours.id, alge.id), 'INQUIRY.NOT_FOUND');
    expect((await second.queries.get(inquiry.id)).inquiry.ownerId).toBeNull();
    expect((await h.t.app.queries.get(ours.id)).inquiry.ownerId).toBeNull();
  });

  it("a crafted Slack click naming the other institution's inquiry gets a private 'not found', and nothing of the other changes", async () => {
    const { inquiry } = await second.inquiries.register(emailedRequest());
    const before = await second.queries.get(inquiry.id);
    const posted = h.api.calls.length;
    await postInteraction(h.events, blockAction('UONA00001', 'claim', inquiry.id, { channel: STAFF_CHANNEL, ts: '1.1' }));
    const [refusal] = await eventually(() => {
      const found = h.api.ok('chat.postEphemeral', (body) => body.user === 'UONA00001' && String(body.text).includes('nerasta'));
      expect(found.length).toBeGreaterThan(0);
      return found;
    });
    expect(refusal!.text).not.toContain(inquiry.registryNumber);
    const after = await second.queries.get(inquiry.id);
    expect(after.inquiry).toEqual(before.inquiry);
    expect(after.timeline).toEqual(before.timeline);
    // Nothing about it went to any channel or person but the refusal to the one who clicked.
    const told = h.api.calls.slice(posted).filter((call) => call.body !== refusal && JSON.stringify(call.body).includes(inquiry.id));
    expect(told).toEqual([]);
  });

  it("/inquiry show with the other institution's registry number finds this institution's inquiry of that number or none", async () => {
    const { inquiry } = await second.inquiries.register(emailedRequest({ receivedAt: '2032-05-05T09:00:00+03:00' }));
    const hook = `${h.api.url}/hooks/crafted`;
    expect((await postCommand(h.events, slashCommand('UONA00001', `show ${inquiry.registryNumber}`, hook))).status).toBe(200);
    const answer = await eventually(() => {
      const found = h.api.hooks.filter((entry) => entry.path === '/hooks/crafted');
      expect(found).toHaveLength(1);
      return found[0]!.body;
    });
    expect(JSON.stringify(answer)).not.toContain(inquiry.id);
    expect(JSON.stringify(answer)).not.toContain(inquiry.subject);
  });

  it('R12.records: each event is delivered as work of its own institution, and only its own staff are told', async () => {
    const { inquiry } = await second.inquiries.register(emailedRequest());
    await second.inquiries.claim(inquiry.id, alge.id);
    const delivered = await eventually(() => {
      const found = recorder.deliveredAs.filter((entry) => entry.event.inquiryId === inquiry.id);
      expect(found.map((entry) => entry.event.type)).toEqual(expect.arrayContaining(['registered', 'claimed']));
      return found;
    });
    expect(new Set(delivered.map((entry) => entry.institution))).toEqual(new Set([secondId]));
    // The first institution's Slack workspace hears nothing of it: no announcement, no claim, no DM.
    const ours = await h.t.app.inquiries.register(emailedRequest({ subject: 'Pirmosios įstaigos užklausa' }));
    await h.announcementOf(ours.inquiry.id);
    expect(h.api.calls.filter((call) => JSON.stringify(call.body).includes(inquiry.id))).toEqual([]);
    expect(await h.t.database.asOwner(`SELECT 1 FROM chat_posts WHERE inquiry_id = $1`, [inquiry.id])).toEqual([]);
  });

  it("R14.reply-1wd: the other institution's reminder is recorded and delivered as its own work, and told to no one here", async () => {
    const { inquiry } = await second.inquiries.register(emailedRequest());
    await second.inquiries.claim(inquiry.id, alge.id);
    // Its moment comes (the planned notice moved to now, as the owner may, once the claim's re-plan is in), and the
    // shared sweep takes it.
    await eventually(async () =>
      expect(await h.t.database.asOwner(`SELECT 1 FROM outbox WHERE inquiry_id = $1 AND consumer = 'scheduler' AND delivered_at IS NULL`, [inquiry.id])).toEqual([]),
    );
    const moved = await eventually(async () => {
      const rows = await h.t.database.asOwner(
        `UPDATE notice_schedule SET run_at = now(), taken_until = NULL WHERE inquiry_id = $1 AND deadline = 'first_reply' AND stage = 'reminder' RETURNING institution_id`,
        [inquiry.id],
      );
      expect(rows).toEqual([{ institution_id: secondId }]);
      return rows;
    });
    expect(moved).toHaveLength(1);
    const [{ due_at: dueAt }] = await h.t.database.asOwner<{ due_at: Date }>(
      `SELECT due_at FROM notice_schedule WHERE inquiry_id = $1 AND deadline = 'first_reply' AND stage = 'reminder'`,
      [inquiry.id],
    );
    clock.set(new Date(dueAt.getTime() - 60_000).toISOString());
    await h.t.app.scheduler.sweepAt(new Date());
    const reminder = await eventually(() => {
      const found = recorder.deliveredAs.find((entry) => entry.event.inquiryId === inquiry.id && entry.event.type === 'reminder_due');
      expect(found).toBeDefined();
      return found!;
    });
    expect(reminder.institution).toBe(secondId);
    expect(await h.t.database.asOwner(`SELECT institution_id FROM deadline_notices WHERE inquiry_id = $1`, [inquiry.id])).toEqual([{ institution_id: secondId }]);
    expect(h.api.calls.filter((call) => JSON.stringify(call.body).includes(inquiry.id))).toEqual([]);
    clock.set(new Date().toISOString());
  });

  it("staff lists, queues and reports count only the institution's own", async () => {
    const ours = await h.t.app.queries.staffWithRole(null);
    const theirs = await second.queries.staffWithRole(null);
    expect(theirs.map((member) => member.email).sort()).toEqual(['alge@saulute.lt', 'ona@daigelis.lt']);
    expect(ours.map((member) => member.email)).not.toContain('alge@saulute.lt');
    expect(theirs.map((member) => member.id)).not.toContain(h.staff.ona.id);
    // The quality figures are built from each institution's own facts (emailedRequest: received in March 2027).
    const period = second.quality.periodOf('month', new Date('2027-03-15T12:00:00+02:00'), 'current');
    const numbersOf = async (institution: number) =>
      (
        await h.t.database.asOwner<{ registry_number: string }>(
          `SELECT registry_number FROM inquiries WHERE institution_id = $1 AND received_at >= $2 AND received_at < $3 ORDER BY registry_number`,
          [institution, period.from, period.to],
        )
      ).map((row) => row.registry_number);
    const rowsOf = async (services: DomainServices) => {
      const found: string[] = [];
      for await (const row of services.quality.rows(period, { kind: 'institution' })) found.push(row.registryNumber);
      return found.sort();
    };
    const theirNumbers = await numbersOf(secondId);
    expect(theirNumbers.length).toBeGreaterThanOrEqual(3);
    await eventually(async () => expect(await rowsOf(second)).toEqual(theirNumbers));
    await eventually(async () => expect(await rowsOf(h.t.app)).toEqual(await numbersOf(1)));
    expect((await second.quality.report(period, { kind: 'institution' })).total.current.received).toBe(theirNumbers.length);
  });
});

describe('issue #17: the database enforces it', () => {
  it("the service's role is no superuser, cannot bypass row-level security and owns no table", async () => {
    const [role] = await h.t.database.asOwner<{ rolsuper: boolean; rolbypassrls: boolean }>(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'langelis_app'`);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const owned = await h.t.database.asOwner(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = 'langelis_app'`);
    expect(owned).toEqual([]);
    const unprotected = await h.t.database.asOwner(
      `SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'institution_id'
       WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace AND NOT c.relrowsecurity`,
    );
    expect(unprotected).toEqual([]);
  });

  it('a transaction that names no institution sees no rows and cannot write one', async () => {
    await asServiceRole(h.t.database, async (client) => {
      expect((await client.query('SELECT count(*)::int AS n FROM inquiries')).rows[0].n).toBe(0);
      expect((await client.query('SELECT count(*)::int AS n FROM staff_members')).rows[0].n).toBe(0);
      await expect(client.query(`INSERT INTO registry_counters (year, last_number) VALUES (2040, 1)`)).rejects.toThrow(/row-level security/);
    });
  });

  it("a transaction of one institution sees only its rows, and can neither write into nor change the other's", async () => {
    await asServiceRole(h.t.database, async (client) => {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('langelis.institution', $1, true)`, [String(secondId)]);
      const { rows } = await client.query('SELECT DISTINCT institution_id FROM inquiries');
      expect(rows).toEqual([{ institution_id: secondId }]);
      expect((await client.query(`UPDATE inquiries SET subject = 'forged' WHERE institution_id = 1`)).rowCount).toBe(0);
      await expect(client.query(`INSERT INTO registry_counters (institution_id, year, last_number) VALUES (1, 2040, 1)`)).rejects.toThrow(/row-level security/);
      await client.query('ROLLBACK');
      // The setting was the transaction's own: the pooled session keeps nothing of it.
      expect((await client.query('SELECT count(*)::int AS n FROM inquiries')).rows[0].n).toBe(0);
    });
    expect(await h.t.database.asOwner(`SELECT 1 FROM inquiries WHERE subject = 'forged'`)).toEqual([]);
  });

});
