import type { PageLanguage } from './subject-access-words.js';

/** Every word the city overview shows, one typed catalogue per language (a missing word fails the type check). */
export interface CityWords {
  /** BCP 47 locale for numbers and month names. */
  locale: string;
  title: string;
  intro: string;
  caption: string;
  months: string;
  previous: string;
  next: string;
  download: string;
  otherLanguage: PageLanguage;
  otherLanguageName: string;
  none: string;
  /** Column headings, in the table's order. */
  columns: {
    institution: string;
    received: string;
    open: string;
    firstReplyOnTime: string;
    firstReplyMedian: string;
    resolvedOnTime: string;
    overdue: string;
    escalations: string;
    ratings: string;
    ratingAverage: string;
  };
  /** "5 of 6": a share's counts beside it. */
  outOf: string;
  minutes: string;
  hours: string;
  hoursMinutes: string;
  withheld: string;
  notesTitle: string;
  notes: readonly string[];
}

export const CITY_WORDS: Record<PageLanguage, CityWords> = {
  lt: {
    locale: 'lt-LT',
    title: 'Įstaigų aptarnavimo kokybė',
    intro: 'Kiekvienos įstaigos mėnesio rodikliai greta, tik suvestiniai skaičiai: jokių asmenų vardų, kontaktų ar kreipimųsi turinio.',
    caption: 'Rodikliai pagal įstaigas, {month}',
    months: 'Kiti mėnesiai',
    previous: 'Ankstesnis mėnuo: {month}',
    next: 'Kitas mėnuo: {month}',
    download: 'Atsisiųsti CSV ({month})',
    otherLanguage: 'en',
    otherLanguageName: 'English',
    none: 'Įstaigų nėra.',
    columns: {
      institution: 'Įstaiga',
      received: 'Gauta kreipimųsi',
      open: 'Neišspręsta mėnesio pabaigoje',
      firstReplyOnTime: 'Pirmas atsakymas laiku',
      firstReplyMedian: 'Pirmo atsakymo mediana (darbo laikas)',
      resolvedOnTime: 'Išspręsta laiku',
      overdue: 'Vėluota',
      escalations: 'Konfliktai ir incidentai',
      ratings: 'Klientų įvertinimai',
      ratingAverage: 'Vidutinis įvertinimas (1–5)',
    },
    outOf: '{part} iš {whole}',
    minutes: '{minutes} min.',
    hours: '{hours} val.',
    hoursMinutes: '{hours} val. {minutes} min.',
    withheld: 'nerodomas (mažiau nei {min})',
    notesTitle: 'Kaip skaičiuojama',
    notes: [
      'Skaičiai tie patys, kuriuos kiekviena įstaiga mato savo mėnesio ataskaitoje (aptarnavimo tvarkos 60–61 punktai).',
      'Pirmas atsakymas laiku: atsakymai, kurių terminas buvo šį mėnesį, išsiųsti iki termino (14 punktas). Mediana skaičiuojama darbo valandomis. Išspręsta laiku: iki pažadėtos ar teisės aktuose nustatytos datos.',
      'Vėluota: kreipimaisi, kurių pirmo atsakymo ar sprendimo terminas praleistas šį mėnesį.',
      'Vidutinis įvertinimas nerodomas, kai įvertinimų mažiau nei {min}: iš tiek nedaug atsakymų būtų galima atspėti konkrečios šeimos įvertinimą.',
      '„—“: nėra ko skaičiuoti (pvz., šį mėnesį jokio termino nebuvo).',
    ],
  },
  en: {
    locale: 'en-GB',
    title: 'Quality of service by institution',
    intro: "Each institution's monthly figures side by side, aggregates only: no person's name, contact or inquiry text.",
    caption: 'Figures by institution, {month}',
    months: 'Other months',
    previous: 'Previous month: {month}',
    next: 'Next month: {month}',
    download: 'Download CSV ({month})',
    otherLanguage: 'lt',
    otherLanguageName: 'Lietuviškai',
    none: 'There are no institutions.',
    columns: {
      institution: 'Institution',
      received: 'Inquiries received',
      open: 'Open at the end of the month',
      firstReplyOnTime: 'First reply on time',
      firstReplyMedian: 'Median first reply (office hours)',
      resolvedOnTime: 'Resolved on time',
      overdue: 'Overdue',
      escalations: 'Conflicts and incidents',
      ratings: 'Client ratings',
      ratingAverage: 'Average rating (1–5)',
    },
    outOf: '{part} of {whole}',
    minutes: '{minutes} min',
    hours: '{hours} h',
    hoursMinutes: '{hours} h {minutes} min',
    withheld: 'not shown (fewer than {min})',
    notesTitle: 'How it is counted',
    notes: [
      "The numbers are the ones each institution sees in its own monthly report (clauses 60–61 of the service procedure).",
      'First reply on time: replies due this month that were sent by their deadline (clause 14). The median counts office hours only. Resolved on time: by the promised or statutory date.',
      'Overdue: inquiries whose first-reply or resolution deadline was missed this month.',
      'The average rating is not shown with fewer than {min} ratings: from so few answers one family’s score could be guessed.',
      '"—": nothing to count (for instance, nothing fell due this month).',
    ],
  },
};

