import { parseCommand } from '../../src/bot/core/commands/intent.js';
import { isPerson, normalisePhone, parsePersonKeyText, personKeyOf, personKeyText } from '../../src/domain/person-key.js';
import { MASKED, OtherPeopleMask } from '../../src/domain/subject-access-mask.js';

const known = {
  ownNames: ['Giedrė Žemaitienė'],
  ownEmails: ['giedre@example.lt'],
  ownPhones: ['8 612 34567'],
  staffNames: ['Ona Onaitė'],
  staffEmails: ['ona@daigelis.lt'],
  staffPhones: ['+37060000002'],
};

describe('R12.records: subject access — who a person is, and what of others is hidden (issue #15)', () => {
  it('R12.records: an e-mail is compared without case; a phone by its digits in international form', () => {
    expect(personKeyOf('  Giedre@Example.LT ')).toEqual({ kind: 'email', value: 'giedre@example.lt' });
    for (const typed of ['+370 612 34567', '861234567', '8 (612) 34-567', '00370 612 34567', '37061234567', '61234567']) {
      expect(personKeyOf(typed)).toEqual({ kind: 'phone', value: '+37061234567' });
    }
    expect(normalisePhone('+44 20 7946 0958')).toBe('+442079460958');
    for (const text of ['Giedrė Žemaitienė', '12', '2027-000123x', 'giedre@', '']) expect(personKeyOf(text)).toBeNull();
  });

  it('R12.records: the one matcher (shared with erasure) decides by e-mail or phone, never by name', () => {
    const key = personKeyOf('+370 612 34567')!;
    expect(isPerson({ email: null, phone: '8 612 34567' }, key)).toBe(true);
    expect(isPerson({ email: 'giedre@example.lt', phone: null }, key)).toBe(false);
    expect(isPerson({ email: 'GIEDRE@example.lt', phone: null }, personKeyOf('giedre@example.lt')!)).toBe(true);
    expect(isPerson({ email: 'kita@example.lt', phone: '+370 612 34568' }, key)).toBe(false);
    expect(parsePersonKeyText(personKeyText(key))).toEqual(key);
    expect(parsePersonKeyText('phone:8 612')).toBeNull();
  });

  it('R12.records: another person’s e-mail, phone and known name are hidden; the person’s own and staff’s stay', () => {
    const mask = new OtherPeopleMask(known, ['Rūta Petraitienė']);
    const text = 'Rašau su rūta petraitienė (ruta@example.lt, +370 699 88776). Mano: giedre@example.lt, +370 612 34567. Ona Onaitė, ona@daigelis.lt, +370 600 00002. Kreipimasis 2027-000123, 2027-03-02.';
    const masked = mask.text(text);
    expect(masked).not.toMatch(/petraitien|ruta@|699/i);
    expect(masked).toContain('giedre@example.lt');
    expect(masked).toContain('+370 612 34567');
    expect(masked).toContain('Ona Onaitė, ona@daigelis.lt, +370 600 00002');
    // Registry numbers and dates are not phone numbers.
    expect(masked).toContain('Kreipimasis 2027-000123, 2027-03-02.');
    expect(masked.split(MASKED)).toHaveLength(4);
    expect(mask.participant('Giedrė  Žemaitienė')).toBe('Giedrė  Žemaitienė');
    expect(mask.participant('Kazys Kazlauskas')).toBe(MASKED);
    expect(mask.address('Giedrė <GIEDRE@example.lt>')).toBe('Giedrė <GIEDRE@example.lt>');
    expect(mask.address('ruta@example.lt')).toBe(MASKED);
  });

  it('R12.records: a short known name is hidden as a whole word only', () => {
    const mask = new OtherPeopleMask(known, ['Ona']);
    // "Ona" is also the start of a staff member's full name; hiding too much is the safe error, but not inside words.
    expect(mask.text('Personalas; Ona skambino.')).toBe(`Personalas; ${MASKED} skambino.`);
  });

  it('`export <e-mail or phone>` is one command on both platforms; without a contact, its usage', () => {
    expect(parseCommand('export giedre@example.lt', [])).toEqual({ do: 'export', contact: 'giedre@example.lt' });
    expect(parseCommand('EXPORT +370 612  34567', [])).toEqual({ do: 'export', contact: '+370 612 34567' });
    expect(parseCommand('export', [])).toEqual({ do: 'usage', word: 'export' });
  });
});
