import { CityLinks } from '../../src/domain/city-link.js';
import { CityOverviewService } from '../../src/domain/city-overview.service.js';
import { DomainError } from '../../src/domain/errors.js';
import type { CityQuality, InstitutionQuality } from '../../src/domain/quality/city-overview.js';
import { monthAfter, monthPeriod } from '../../src/domain/quality/month.js';
import { ReportLinks } from '../../src/domain/report-link.js';
import { ManualClock } from '../support/app.js';

/** Issue #17, item 8: the city overview's months (Europe/Vilnius calendar months) and its link, without a database. */
const ZONE = 'Europe/Vilnius';
const SECRET = 'a-secret-for-the-city-month-unit-test';

function row(institutionId: number, name: string, counts: Partial<InstitutionQuality> = {}): InstitutionQuality {
  return {
    institutionId, slug: `i${institutionId}`, name, received: 0, resolved: 0, open: 0, firstRepliesDue: 0, firstRepliesOnTime: 0,
    firstReplyMedianOfficeMinutes: null, resolvedWithDue: 0, resolvedOnTime: 0, overdue: 0, escalatedConflicts: 0, incidents: 0,
    ratingsRequested: 0, ratingsAnswered: 0, ratingAverage: null, ...counts,
  };
}

/** A fake of the port that records the period it was asked for. */
class FakeCityQuality implements CityQuality {
  asked: Array<{ from: Date; to: Date; now: Date }> = [];
  constructor(private readonly rows: InstitutionQuality[]) {}
  async institutions(period: { from: Date; to: Date }, now: Date): Promise<InstitutionQuality[]> {
    this.asked.push({ ...period, now });
    return this.rows;
  }
}

describe('R60.internal: the city overview’s months', () => {
  it('a month runs from its first local midnight to the next, the DST change inside it', () => {
    expect(monthPeriod('2027-03', ZONE)).toEqual({ from: new Date('2027-03-01T00:00:00+02:00'), to: new Date('2027-04-01T00:00:00+03:00') });
    for (const text of ['2027-3', '2027-13', '2027-00', '27-03', 'kovas', '2027-03-01']) expect(monthPeriod(text, ZONE)).toBeUndefined();
    expect(monthAfter('2027-12', 1)).toBe('2028-01');
    expect(monthAfter('2027-01', -1)).toBe('2026-12');
  });

  it('shows the last full month unless asked, pages back freely and forward up to the month under way, refuses the rest', () => {
    // 00:30 on 1 January in Vilnius is still 31 December in UTC: the local calendar decides.
    const clock = new ManualClock(new Date('2027-01-01T00:30:00+02:00'));
    const city = new CityOverviewService(new FakeCityQuality([]), new CityLinks(SECRET, 60_000, clock), clock, ZONE);
    expect(city.month(null)).toMatchObject({ month: '2026-12', previous: '2026-11', next: '2027-01' });
    expect(city.month('2027-01')).toMatchObject({ month: '2027-01', next: null });
    expect(city.month('2019-06').period).toEqual(monthPeriod('2019-06', ZONE));
    for (const asked of ['2027-02', '2027-1', 'x']) {
      const refused = (() => {
        try {
          city.month(asked);
        } catch (error) {
          return error;
        }
      })();
      expect(refused).toBeInstanceOf(DomainError);
      expect((refused as DomainError).code).toBe('CITY.MONTH_INVALID');
    }
  });

  it('R14.reply-1wd: shares as each report derives them, institutions by name in Lithuanian order', async () => {
    const clock = new ManualClock(new Date('2027-04-10T12:00:00+03:00'));
    const quality = new FakeCityQuality([
      row(1, 'Žilvitis', { firstRepliesDue: 4, firstRepliesOnTime: 3 }),
      row(2, 'Čiauškutis', { resolvedWithDue: 2, resolvedOnTime: 2 }),
      row(3, 'Saulutė'),
    ]);
    const city = new CityOverviewService(quality, new CityLinks(SECRET, 60_000, clock), clock, ZONE);
    const rows = await city.overview(city.month(null));
    expect(rows.map((found) => [found.name, found.firstReplyOnTimeShare, found.resolvedOnTimeShare])).toEqual([
      ['Čiauškutis', null, 1],
      ['Saulutė', null, null],
      ['Žilvitis', 0.75, null],
    ]);
    expect(quality.asked).toEqual([{ ...monthPeriod('2027-03', ZONE)!, now: clock.now() }]);
  });
});

describe('the city overview link', () => {
  it('opens while it lasts, for its own purpose only, and says why it does not', () => {
    const clock = new ManualClock(new Date('2027-04-10T12:00:00Z'));
    const links = new CityLinks(SECRET, 86_400_000, clock);
    const made = links.sign();
    expect(links.verify(made)).toEqual({ ok: true, holder: made.holder });
    expect(links.verify({ ...made, holder: 'another' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(links.verify({ holder: made.holder, expires: made.expires })).toEqual({ ok: false, reason: 'malformed' });
    const report = new ReportLinks(SECRET, 86_400_000, clock).sign({ from: new Date('2027-03-01'), to: new Date('2027-04-01') }, made.holder);
    expect(links.verify({ holder: report.staff, expires: report.expires, sig: report.sig })).toEqual({ ok: false, reason: 'bad_signature' });
    clock.set('2027-04-11T12:00:00Z');
    expect(links.verify(made)).toEqual({ ok: false, reason: 'expired' });
  });
});
