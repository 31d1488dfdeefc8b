import { normaliseEmail, normalisePhone } from './person-key.js';

/** What stands where another person's data was (both languages: the file is read by whoever the admin gives it to). */
export const MASKED = '[paslėpta / hidden]';

/** How the export says what it masked, in both languages. */
export const MASKING_NOTE =
  'Kitų asmenų duomenys (vardai, el. pašto adresai, telefono numeriai) paslėpti; darbuotojai nurodyti, nes veikia įstaigos vardu. / ' +
  'Other people’s data (names, e-mail addresses, phone numbers) is hidden; staff are named, as they act for the institution.';

const EMAILS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/**
 * Phone numbers as people write them in a message: international (`+370 612 34567`, `00370…`) or Lithuanian national
 * (`8 612 34567`, `861234567`). Registry numbers (`2027-000123`) and dates start with a year, never with + or 8.
 */
const PHONES = /(?:\+|\b00|\b8)[\s(]*\d[\d\s().-]{5,}\d/g;

/** The people whose data an export keeps: the person themself, and staff (who act for the institution). */
export interface KnownPeople {
  /** Names, e-mail addresses and phone numbers the person gave on their own inquiries. */
  ownNames: readonly string[];
  ownEmails: readonly string[];
  ownPhones: readonly string[];
  /** Active staff: full names, work e-mail addresses and phones (a signature carries them, R36.signature). */
  staffNames: readonly string[];
  staffEmails: readonly string[];
  staffPhones: readonly string[];
}

/**
 * Issue #15 (subject access): other people's personal data in a person's records is hidden before the export leaves —
 * another parent's e-mail or phone quoted in a message, a name of another family's client found in the text, a meeting
 * participant who is neither the person nor staff. Hiding too much is the safe error: the admin can still read the
 * original in Langelis and release more by hand.
 */
export class OtherPeopleMask {
  private readonly emails: ReadonlySet<string>;
  private readonly phones: ReadonlySet<string>;
  private readonly names: ReadonlySet<string>;

  constructor(
    known: KnownPeople,
    /** Other clients' full names found in the records (longest first, so a longer name is hidden whole). */
    private readonly otherNames: readonly string[] = [],
  ) {
    this.emails = new Set([...known.ownEmails, ...known.staffEmails].map((email) => normaliseEmail(email)).filter((email): email is string => email !== null));
    this.phones = new Set([...known.ownPhones, ...known.staffPhones].map((phone) => normalisePhone(phone)).filter((phone): phone is string => phone !== null));
    this.names = new Set([...known.ownNames, ...known.staffNames].map(comparable));
  }

  /** Free text (a message, a note, an e-mail): other people's addresses, phones and known names hidden. */
  text(value: string): string;
  text(value: string | null): string | null;
  text(value: string | null): string | null {
    if (value === null) return null;
    let masked = value.replace(EMAILS, (email) => (this.emails.has(email.toLowerCase()) ? email : MASKED));
    masked = masked.replace(PHONES, (phone) => {
      const digits = phone.replace(/\D/g, '').length;
      if (digits < 8 || digits > 15) return phone;
      const normal = normalisePhone(phone.trim());
      return normal && this.phones.has(normal) ? phone : MASKED;
    });
    for (const name of [...this.otherNames].sort((a, b) => b.length - a.length)) {
      if (this.names.has(comparable(name))) continue;
      // Whole words only: a short name must not be cut out of the middle of another word.
      masked = masked.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name.trim())}(?![\\p{L}\\p{N}])`, 'giu'), MASKED);
    }
    return masked;
  }

  /** An e-mail address: kept when it is the person's own (or staff's), hidden otherwise. */
  address(value: string | null): string | null {
    if (value === null) return null;
    const normal = normaliseEmail(value.replace(/^.*<([^>]+)>\s*$/, '$1'));
    return normal && this.emails.has(normal) ? value : MASKED;
  }

  /** A name given as a participant: the person and staff stay, anyone else is hidden. */
  participant(name: string): string {
    return this.names.has(comparable(name)) ? name : MASKED;
  }
}

function comparable(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('lt');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
