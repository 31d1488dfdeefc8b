/** The languages of the subject-access page: Lithuanian by default, English on request (R33.language for staff). */
export type PageLanguage = 'lt' | 'en';

/** Every word the page shows, in one typed catalogue per language (a missing word fails the type check). */
export interface SubjectAccessWords {
  title: string;
  intro: string;
  about: string;
  matchedBy: Record<'email' | 'phone', string>;
  generatedAt: string;
  count: string;
  maskedLabel: string;
  /** What is hidden, in this language (the JSON file carries both). */
  maskedNote: string;
  download: string;
  otherLanguage: PageLanguage;
  otherLanguageName: string;
  none: string;
  inquiry: string;
  kind: string;
  kinds: Record<string, string>;
  channel: string;
  channels: Record<string, string>;
  status: string;
  statuses: Record<string, string>;
  receivedAt: string;
  resolvedAt: string;
  closedAt: string;
  name: string;
  email: string;
  phone: string;
  postalAddress: string;
  owner: string;
  subject: string;
  body: string;
  messages: string;
  from: string;
  calls: string;
  at: string;
  staff: string;
  outcome: string;
  outcomes: Record<string, string>;
  callSummary: string;
  expectation: string;
  nextStep: string;
  meetings: string;
  chair: string;
  participants: string;
  agenda: string;
  decisions: string;
  letters: string;
  number: string;
  emails: string;
  to: string;
  attachments: string;
  filename: string;
  size: string;
  notStored: string;
  ratings: string;
  score: string;
  comment: string;
  ratingStatus: Record<string, string>;
}

export const SUBJECT_ACCESS_WORDS: Record<PageLanguage, SubjectAccessWords> = {
  lt: {
    title: 'Asmens duomenų išrašas',
    intro: 'Viskas, kas apie šį asmenį saugoma Langelyje: kreipimaisi, laiškai, skambučiai, susitikimai, raštai, išsiųsti el. laiškai, gauti failai (tik pavadinimai ir dydžiai) ir įvertinimai. Išrašas skirtas tik jį paprašiusiam administratoriui; kiekvienas atidarymas įrašomas į audito žurnalą.',
    about: 'Išrašo duomenys',
    matchedBy: { email: 'Rasta pagal el. pašto adresą', phone: 'Rasta pagal telefono numerį' },
    generatedAt: 'Parengta',
    count: 'Kreipimųsi',
    maskedLabel: 'Paslėpta',
    maskedNote: 'Kitų asmenų duomenys (vardai, el. pašto adresai, telefono numeriai) pakeisti žyma „[paslėpta / hidden]“; darbuotojai nurodyti, nes veikia įstaigos vardu.',
    download: 'Atsisiųsti JSON failą',
    otherLanguage: 'en',
    otherLanguageName: 'In English',
    none: 'Nėra.',
    inquiry: 'Kreipimasis',
    kind: 'Rūšis',
    kinds: { request: 'prašymas', question: 'klausimas', complaint: 'skundas' },
    channel: 'Kanalas',
    channels: { email: 'el. paštas', web: 'interneto forma', phone: 'telefonu', in_person: 'atvykus', letter: 'raštu' },
    status: 'Būsena',
    statuses: { new: 'naujas', claimed: 'priskirtas', in_progress: 'nagrinėjamas', waiting_on_client: 'laukiama kliento', resolved: 'išspręstas', closed: 'uždarytas' },
    receivedAt: 'Gauta',
    resolvedAt: 'Išspręsta',
    closedAt: 'Uždaryta',
    name: 'Vardas, pavardė',
    email: 'El. paštas',
    phone: 'Telefonas',
    postalAddress: 'Pašto adresas',
    owner: 'Atsakingas darbuotojas',
    subject: 'Tema',
    body: 'Tekstas',
    messages: 'Kliento laiškai',
    from: 'Siuntėjas',
    calls: 'Skambučiai',
    at: 'Laikas',
    staff: 'Darbuotojas',
    outcome: 'Rezultatas',
    outcomes: { reached: 'pavyko susisiekti', no_answer: 'neatsiliepė', busy: 'užimta' },
    callSummary: 'Santrauka',
    expectation: 'Kliento lūkestis',
    nextStep: 'Kitas žingsnis',
    meetings: 'Susitikimai',
    chair: 'Pirmininkas / sekretorius',
    participants: 'Dalyviai',
    agenda: 'Darbotvarkė',
    decisions: 'Sprendimai',
    letters: 'Raštai',
    number: 'Nr.',
    emails: 'Klientui išsiųsti el. laiškai',
    to: 'Gavėjas',
    attachments: 'Gauti failai',
    filename: 'Failo pavadinimas',
    size: 'Dydis',
    notStored: 'turinys nesaugotas',
    ratings: 'Įvertinimai',
    score: 'Įvertinimas',
    comment: 'Komentaras',
    ratingStatus: { pending: 'laukiama atsakymo', void: 'nebegalioja', expired: 'baigėsi galiojimas' },
  },
  en: {
    title: 'Personal data export',
    intro: 'Everything Langelis stores about this person: inquiries, messages, calls, meetings, letters, e-mails sent, files received (names and sizes only) and ratings. The export is for the admin who asked for it alone; every opening is recorded in the audit log.',
    about: 'About this export',
    matchedBy: { email: 'Found by e-mail address', phone: 'Found by phone number' },
    generatedAt: 'Prepared',
    count: 'Inquiries',
    maskedLabel: 'Hidden',
    maskedNote: 'Other people’s data (names, e-mail addresses, phone numbers) is replaced with “[paslėpta / hidden]”; staff are named, as they act for the institution.',
    download: 'Download the JSON file',
    otherLanguage: 'lt',
    otherLanguageName: 'Lietuviškai',
    none: 'None.',
    inquiry: 'Inquiry',
    kind: 'Kind',
    kinds: { request: 'request', question: 'question', complaint: 'complaint' },
    channel: 'Channel',
    channels: { email: 'e-mail', web: 'web form', phone: 'phone', in_person: 'in person', letter: 'letter' },
    status: 'Status',
    statuses: { new: 'new', claimed: 'claimed', in_progress: 'in progress', waiting_on_client: 'waiting on the client', resolved: 'resolved', closed: 'closed' },
    receivedAt: 'Received',
    resolvedAt: 'Resolved',
    closedAt: 'Closed',
    name: 'Name',
    email: 'E-mail',
    phone: 'Phone',
    postalAddress: 'Postal address',
    owner: 'Responsible staff member',
    subject: 'Subject',
    body: 'Text',
    messages: 'Messages from the client',
    from: 'From',
    calls: 'Calls',
    at: 'When',
    staff: 'Staff member',
    outcome: 'Outcome',
    outcomes: { reached: 'reached', no_answer: 'no answer', busy: 'busy' },
    callSummary: 'Summary',
    expectation: 'Client’s expectation',
    nextStep: 'Next step',
    meetings: 'Meetings',
    chair: 'Chair / recorder',
    participants: 'Participants',
    agenda: 'Agenda',
    decisions: 'Decisions',
    letters: 'Letters',
    number: 'No.',
    emails: 'E-mails sent to the client',
    to: 'To',
    attachments: 'Files received',
    filename: 'File name',
    size: 'Size',
    notStored: 'content not kept',
    ratings: 'Ratings',
    score: 'Score',
    comment: 'Comment',
    ratingStatus: { pending: 'awaiting an answer', void: 'void', expired: 'expired' },
  },
};
