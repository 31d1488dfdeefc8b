import { anonymisedDetails } from '../../src/domain/retention.js';

/** R12.records: what of a timeline line survives anonymisation — ids, codes, dates, numbers; never free text. */
describe('R12.records: anonymised timeline details', () => {
  const details = {
    ownerId: '7f1c6a3e-2b8d-4c1a-9e2f-0a1b2c3d4e5f',
    registryNumber: '2027-000012',
    at: '2027-03-01T10:00:00.000Z',
    stage: 'intermediate',
    note: 'Mama sakė, kad vaikas serga',
    reason: 'vėl skambino',
    attempt: 2,
    reportToAuthorities: false,
    call: { outcome: 'reached', summary: 'Aptarėme alergiją', nextStepDue: null, clientExpectation: 'vieta' },
    institutions: ['Kauno savivaldybė'],
    headIds: ['7f1c6a3e-2b8d-4c1a-9e2f-0a1b2c3d4e5f'],
    free: 'Jonas Jonaitis',
  };

  it('R12.records: keeps ids, codes, dates, numbers and booleans; drops notes, reasons, summaries, names', () => {
    expect(anonymisedDetails(details)).toEqual({
      ownerId: details.ownerId,
      registryNumber: '2027-000012',
      at: details.at,
      stage: 'intermediate',
      attempt: 2,
      reportToAuthorities: false,
      call: { outcome: 'reached', nextStepDue: null },
      headIds: [details.ownerId],
    });
  });

  it('R12.records: applying it twice changes nothing', () => {
    const once = anonymisedDetails(details);
    expect(anonymisedDetails(once)).toEqual(once);
  });
});
