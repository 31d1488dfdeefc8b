import { noticesFor } from '../../src/bot/core/notices/index.js';
import type { NoticeSnapshot } from '../../src/bot/core/notices/notice.js';
import type { InquiryEvent } from '../../src/domain/events.js';
import type { Inquiry } from '../../src/domain/inquiry.js';
import {
  askedByEmail,
  hashRatingToken,
  isSampled,
  newRatingToken,
  RATING_TOKEN_PATTERN,
  ratedByStaff,
  ratingAnswerSchema,
  ratingLinkState,
  type RatingRequest,
} from '../../src/domain/rating.js';
import type { StaffMember } from '../../src/domain/staff.js';
import { CatalogueTemplates } from '../../src/mail/templates/index.js';

const NOW = new Date('2027-03-01T10:00:00Z');
const DAY = 24 * 3_600_000;

function request(overrides: Partial<RatingRequest> = {}): RatingRequest {
  return {
    id: 'r1', inquiryId: 'i1', channel: 'email', language: 'lt', status: 'pending', requestedAt: NOW, expiresAt: new Date(NOW.getTime() + 28 * DAY),
    answeredAt: null, score: null, comment: null, recordedById: null, dedupeKey: null, followUpManagerId: null, acknowledgedAt: null, acknowledgedById: null,
    ...overrides,
  };
}

describe('R60.external: the rating request', () => {
  it('R60.external: sampling is deterministic per inquiry — share 1 asks every inquiry, 0 none, 0.5 about half and always the same ones', () => {
    const ids = Array.from({ length: 2000 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
    expect(ids.every((id) => isSampled(id, 1))).toBe(true);
    expect(ids.some((id) => isSampled(id, 0))).toBe(false);
    const half = ids.filter((id) => isSampled(id, 0.5));
    expect(half.length).toBeGreaterThan(850);
    expect(half.length).toBeLessThan(1150);
    expect(ids.filter((id) => isSampled(id, 0.5))).toEqual(half);
  });

  it('R60.external: a token is 256 random bits, URL-safe; only its hash is kept, and the hash is not the token', () => {
    const token = newRatingToken();
    expect(token).toMatch(RATING_TOKEN_PATTERN);
    expect(newRatingToken()).not.toBe(token);
    expect(hashRatingToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRatingToken(token)).not.toContain(token);
    expect(hashRatingToken(token)).toBe(hashRatingToken(token));
  });

  it('R60.external: a link is open while pending, unexpired and the inquiry resolved; used, expired and void say why', () => {
    const resolved = { status: 'resolved' } as const;
    expect(ratingLinkState(request(), resolved, NOW)).toBe('open');
    expect(ratingLinkState(request(), { status: 'closed' }, NOW)).toBe('open');
    expect(ratingLinkState(request({ status: 'answered', score: 3 }), resolved, NOW)).toBe('used');
    expect(ratingLinkState(request({ status: 'void' }), resolved, NOW)).toBe('void');
    // 28 days to the millisecond: at the expiry it no longer works.
    expect(ratingLinkState(request(), resolved, new Date(NOW.getTime() + 28 * DAY - 1))).toBe('open');
    expect(ratingLinkState(request(), resolved, new Date(NOW.getTime() + 28 * DAY))).toBe('expired');
    // Reopened, before the outbox voided it: the inquiry's status already says it.
    expect(ratingLinkState(request(), { status: 'in_progress' }, NOW)).toBe('void');
  });

  it('R60.external: the answer is a score 1–5 and an optional comment (trimmed; empty is none)', () => {
    expect(ratingAnswerSchema.parse({ score: '2', comment: '  Per vėlai ' })).toEqual({ score: 2, comment: 'Per vėlai' });
    expect(ratingAnswerSchema.parse({ score: 5, comment: '   ' })).toEqual({ score: 5, comment: null });
    expect(ratingAnswerSchema.parse({ score: 1 })).toEqual({ score: 1, comment: null });
    for (const score of [0, 6, 2.5, 'x', '']) expect(ratingAnswerSchema.safeParse({ score }).success).toBe(false);
    expect(ratingAnswerSchema.safeParse({ score: 3, comment: 'a'.repeat(2001) }).success).toBe(false);
  });

  it('R60.external: e-mail and web clients with an address are asked by e-mail; phone and in-person ones are rated by staff', () => {
    const client = (email: string | null) => ({ name: 'G', email, phone: null, postalAddress: null, language: 'lt' });
    expect(askedByEmail({ channel: 'email', client: client('g@example.lt') })).toBe(true);
    expect(askedByEmail({ channel: 'web', client: client('g@example.lt') })).toBe(true);
    expect(askedByEmail({ channel: 'web', client: client(null) })).toBe(false);
    expect(askedByEmail({ channel: 'phone', client: client('g@example.lt') })).toBe(false);
    expect(['phone', 'in_person', 'email', 'web', 'letter'].map((channel) => ratedByStaff({ channel: channel as Inquiry['channel'] }))).toEqual([true, true, false, false, false]);
  });

  it('R60.external: the e-mail has five one-click links in the client’s language, 1 to 5, and when they stop working', () => {
    const templates = new CatalogueTemplates('Europe/Vilnius');
    const links = [1, 2, 3, 4, 5].map((score) => `https://daigelis.lt/rating/TOKEN?score=${score}`);
    const data = { registryNumber: '2027-000042', clientName: 'Giedrė', subject: 'Dėl vietos', institution: 'Daigelis', ratingLinks: links, ratingExpires: '2027 m. kovo 29 d.' };
    const lt = templates.render('rating', 'lt', data);
    expect(lt.body).toContain('Laba diena, Giedrė,');
    expect(lt.body).toContain('2027 m. kovo 29 d.');
    expect([...lt.body.matchAll(/score=(\d)/g)].map((match) => match[1])).toEqual(['1', '2', '3', '4', '5']);
    expect(lt.body).toMatch(/1 – blogai:\nhttps:\/\/daigelis\.lt\/rating\/TOKEN\?score=1/);
    const en = templates.render('rating', 'en', data);
    expect(en.subject).toBe('How did we do? Dėl vietos');
    expect(en.body).toMatch(/5 – excellent:\nhttps:\/\/daigelis\.lt\/rating\/TOKEN\?score=5/);
  });
});

describe('R60.external: who hears of a rating, and what they see', () => {
  const person = (id: string, managerId: string | null = null, roles: StaffMember['roles'] = ['representative']): StaffMember => ({
    id, firstName: id, surname: 'X', position: null, phone: null, email: `${id}@daigelis.lt`, language: 'lt', roles, slackUserId: `U${id}`, teamsUserId: `aad-${id}`, managerId, active: true,
  });
  const people = new Map([['ona', person('ona', 'vida')], ['vida', person('vida', null, ['manager'])], ['ada', person('ada', null, ['admin'])]]);
  const inquiry = {
    id: 'i1', registryNumber: '2027-000042', kind: 'request', channel: 'email', externalId: null, status: 'resolved', ownerId: 'ona',
    client: { name: 'Giedrė', email: 'giedre@example.lt', phone: '+37060000001', postalAddress: null, language: 'lt' }, subject: 'Dėl vietos', body: 'Laba diena',
    receivedAt: NOW, firstReplyDue: NOW, firstReplyAt: NOW, statutoryDue: null, promisedBy: null, followUpDue: null, resolvedAt: NOW, closedAt: null,
    nextCall: null, missedCalls: 0, meetingSummaryDue: null, externalStepDue: null,
  } as Inquiry;
  const snapshot: NoticeSnapshot = {
    capabilities: { email: true },
    inquiry: { inquiry, owner: people.get('ona')!, timeline: [], escalations: [], meetings: [], externalSteps: [], letters: [] },
    escalation: null, people, admins: [people.get('ada')!], heads: [], letterUrl: () => '',
  };
  const COMMENT = 'Niekas nepaskambino, labai nusivyliau';
  const rated = (score: number, managerId: string | null): InquiryEvent => ({
    type: 'rated', inquiryId: 'i1', registryNumber: '2027-000042', at: NOW.toISOString(), actorId: null, ratingId: 'r1', score, channel: 'email', comment: COMMENT, ownerId: 'ona', managerId,
  });

  it.each(['slack', 'teams'] as const)('R60.external (%s): a score of 2 goes to the owner’s direct manager by DM only — never the channel or its thread — and the comment is in no notice', (platform) => {
    const notices = noticesFor(rated(2, 'vida'), snapshot, { platform, platforms: ['slack', 'teams'] });
    expect(notices.map((notice) => notice.audience)).toEqual([{ to: 'person', staffId: 'vida' }]);
    expect(notices[0]!.actions.map((action) => (action.do === 'verb' ? action.verb : action.do))).toEqual(['acknowledge_rating', 'open']);
    expect(JSON.stringify(notices)).not.toContain('nusivyliau');
  });

  it.each([3, 4, 5])('R60.external: a score of %i notifies nobody', (score) => {
    expect(noticesFor(rated(score, null), snapshot, { platform: 'slack', platforms: ['slack', 'teams'] })).toEqual([]);
    // Even were a manager named, 3–5 is no follow-up.
    expect(noticesFor(rated(score, 'vida'), snapshot, { platform: 'teams', platforms: ['slack', 'teams'] })).toEqual([]);
  });
});
