import { ratingLines, type MailCatalogue } from './catalogue.js';

/** Lithuanian client e-mails (R33.language: the default, with its letters intact). */
export const lt: MailCatalogue = {
  greeting: (name) => `Laba diena, ${name},`,
  reply: {
    subject: (data) => `Re: ${data.subject}`,
    body: (data) => data.text ?? '',
  },
  acknowledgement: {
    subject: (data) => `Gavome jūsų kreipimąsi: ${data.subject}`,
    body: (data) =>
      `jūsų kreipimąsi gavome ir užregistravome numeriu ${data.registryNumber}.\n` +
      `Atsakysime iki ${data.replyDue}. Atsakydami į šį laišką, palikite numerį temoje.`,
  },
  holding_reply: {
    subject: (data) => `Jūsų kreipimasis nagrinėjamas: ${data.subject}`,
    body: (data) =>
      `jūsų kreipimąsi ${data.registryNumber} nagrinėjame ir jums tikrai padėsime.\n` +
      `Išsamų atsakymą pateiksime iki ${data.promisedBy}.`,
  },
  call_summary: {
    subject: (data) => `Pokalbio telefonu santrauka: ${data.subject}`,
    body: (data) =>
      `dėkojame už pokalbį. Trumpai apie tai, ką sutarėme:\n\n${data.text ?? ''}` +
      (data.nextStep ? `\n\nKitas žingsnis: ${data.nextStep}${data.nextStepDue ? ` (iki ${data.nextStepDue})` : ''}.` : ''),
  },
  status: {
    subject: (data) => (data.status === 'update' ? `Naujienos apie jūsų kreipimąsi: ${data.subject}` : `Jūsų kreipimasis išnagrinėtas: ${data.subject}`),
    body: (data) =>
      data.status === 'update'
        ? `informuojame apie jūsų kreipimosi ${data.registryNumber} eigą:\n\n${data.text ?? ''}\n\nJei turite klausimų, atsakykite į šį laišką.`
        : `jūsų kreipimasis ${data.registryNumber} išnagrinėtas. Jei turite klausimų, atsakykite į šį laišką.`,
  },
  meeting_summary: {
    subject: (data) => `Susitikimo santrauka: ${data.subject}`,
    body: (data) =>
      `dėkojame už susitikimą (${data.meetingDate}). Jame aptarta ir nuspręsta:\n\n${data.text ?? ''}\n\n` +
      `Jei santraukoje ką nors praleidome, atsakykite į šį laišką.`,
  },
  // R60.external: five one-click links, one per score; the page asks to confirm and offers a comment.
  rating: {
    subject: (data) => `Kaip jums padėjome? ${data.subject}`,
    body: (data) =>
      `jūsų kreipimasis ${data.registryNumber} išnagrinėtas. Būsime dėkingi, jei įvertinsite, kaip jums padėjome: ` +
      `spustelėkite vieną įvertinimą nuo 1 (blogai) iki 5 (puikiai), o atsivėrusiame puslapyje jį patvirtinkite ` +
      `ir, jei norite, parašykite komentarą.\n\n` +
      ratingLines(data.ratingLinks, ['1 – blogai', '2 – prastai', '3 – vidutiniškai', '4 – gerai', '5 – puikiai']) +
      `\n\nNuorodos galioja iki ${data.ratingExpires}; įvertinti galima vieną kartą. Vertinti neprivaloma.`,
  },
  drafts: {
    missed_call: (data) =>
      `Laba diena, ${data.clientName},\n\nbandėme jums paskambinti dėl kreipimosi ${data.registryNumber} („${data.subject}“), ` +
      `tačiau nepavyko susisiekti. Parašykite, kada jums patogu kalbėtis, arba atsakykite į šį laišką.`,
  },
  signature: (s) => `${s.position}\n${s.firstName} ${s.surname}\nTel. ${s.phone}\n${s.institution}`,
  locale: 'lt-LT',
};
