import type { PlatformId } from '../drivers/driver.js';
import type { Scenario } from '../scenario.js';
import type { World } from '../world.js';

/**
 * Issue #15 item 3, R12.records: `erase <e-mail or phone>` — an admin's request anonymises the person's closed
 * inquiries at once; one under legal hold or still open is kept and listed with the reason. The admin alone is told,
 * privately; the only other deliveries are the anonymised inquiry's chat copies edited in place (nothing is posted, so
 * nobody else is told). Anyone else is refused privately and nothing changes.
 */
type Family = { email: string };

let families = 0;

/** A family of its own (an address no other row uses): each row's erasure reaches only its own inquiries. */
function familyOf(platform: PlatformId): { name: string; email: string; phone: null; language: string } {
  families += 1;
  return { name: 'Ieva Trynimienė', email: `trynimas.${platform}.${families}@example.lt`, phone: null, language: 'lt' };
}

/** The family's inquiries: one closed (ona owned it), one closed under legal hold, one still open (claimed by ona). */
async function threeInquiries(world: World, platform: PlatformId): Promise<Family> {
  const client = familyOf(platform);
  const ona = world.staff.ona.id;
  const closed = async () => {
    const inquiry = await world.newInquiry({ client });
    await world.app.inquiries.claim(inquiry.id, ona);
    await world.app.inquiries.recordFirstReply(inquiry.id, ona);
    await world.app.inquiries.resolve(inquiry.id, ona);
    await world.app.inquiries.close(inquiry.id, ona);
    return inquiry;
  };
  await closed();
  const held = await closed();
  await world.app.retention.setLegalHold(world.staff.aldona.id, held.registryNumber, true);
  const open = await world.newInquiry({ client });
  await world.app.inquiries.claim(open.id, ona);
  return { email: client.email };
}

export const erasureRows: Scenario<Family>[] = [
  {
    id: 'ER01',
    title:
      'R12.records: `erase <e-mail>` by an admin → the closed inquiry’s card is edited to its number and state; the admin is told privately what was anonymised and what was kept and why; nobody else is told',
    given: threeInquiries,
    when: (_world, family, driver) => driver.command('aldona', `erase ${family.email}`),
    // #3: the reply names three registry numbers — the one anonymised, and the held and the open one kept.
    expect: ['private:aldona post erasure.done [] #3', 'channel update notice.anonymised []'],
  },
  {
    id: 'ER02',
    title: 'R12.records: `erase` by a representative → refused (STAFF.NOT_ALLOWED), privately; nothing is anonymised or edited',
    given: threeInquiries,
    when: (_world, family, driver) => driver.command('ona', `erase ${family.email}`),
    expect: ['private:ona post error.STAFF.NOT_ALLOWED []'],
  },
  {
    id: 'ER03',
    title: 'R12.records: `erase` by a manager → refused too: erasure is the admins’',
    given: threeInquiries,
    when: (_world, family, driver) => driver.command('vida', `erase ${family.email}`),
    expect: ['private:vida post error.STAFF.NOT_ALLOWED []'],
  },
  {
    id: 'ER04',
    title: 'R12.records: `erase` with a name instead of an e-mail or phone → SUBJECT_ACCESS.CONTACT_INVALID, privately',
    given: async () => ({ email: '' }),
    when: (_world, _family, driver) => driver.command('aldona', 'erase Ieva Trynimienė'),
    expect: ['private:aldona post error.SUBJECT_ACCESS.CONTACT_INVALID []'],
  },
  {
    id: 'ER05',
    title: '`erase` without a contact → that word’s usage, privately',
    given: async () => ({ email: '' }),
    when: (_world, _family, driver) => driver.command('aldona', 'erase'),
    expect: ['private:aldona post command.usage []'],
  },
];
