import { RATING_COMMENT_MAX, RATING_SCORES, type RatingClosedReason } from '../domain/rating.js';
import { contactsFooter, escapeHtml, publicPage } from './pages.js';

export type RatingLanguage = 'lt' | 'en';

/** The institution the rating page names, from configuration (INSTITUTION_*); unset contacts are left out. */
export interface RatingSite {
  name: string;
  address: string | null;
  phone: string | null;
  email: string | null;
}

/** Wording of the public rating page (R60.external); Lithuanian is the default, English the switch. */
export const ratingMessages = {
  lt: {
    title: 'Įvertinkite, kaip jums padėjome',
    intro: 'Kreipimasis {number}. Jūsų įvertinimas padeda mums dirbti geriau.',
    switchLanguage: 'English',
    score: 'Įvertinimas',
    scoreHint: 'Nuo 1 (blogai) iki 5 (puikiai).',
    scores: ['1 – blogai', '2 – prastai', '3 – vidutiniškai', '4 – gerai', '5 – puikiai'],
    comment: 'Komentaras (neprivaloma)',
    commentHint: 'Ką padarėme gerai, ką galėtume padaryti geriau? Iki {max} simbolių.',
    submit: 'Siųsti įvertinimą',
    errorTitle: 'Klaida',
    errorScore: 'Pasirinkite įvertinimą nuo 1 iki 5.',
    errorComment: 'Komentaras per ilgas (iki {max} simbolių).',
    thanksTitle: 'Ačiū už įvertinimą',
    thanks: 'Jūsų įvertinimą ({score} iš 5) gavome. Ačiū, kad skyrėte laiko.',
    badLinkTitle: 'Nuoroda netinkama',
    badLink: 'Nuoroda sugadinta arba nepilna. Atidarykite ją dar kartą iš el. laiško.',
    notFoundTitle: 'Nuoroda nerasta',
    notFound: 'Tokios vertinimo nuorodos nėra. Patikrinkite, ar nukopijavote visą nuorodą iš el. laiško.',
    usedTitle: 'Įvertinimą jau gavome',
    used: 'Šia nuoroda įvertinimas jau pateiktas: kiekvieną kreipimąsi galima įvertinti vieną kartą. Ačiū!',
    expiredTitle: 'Nuorodos galiojimas baigėsi',
    expired: 'Vertinimo nuoroda galioja 28 dienas, šios laikas baigėsi. Jei norite ką nors pasakyti, parašykite mums.',
    failedTitle: 'Nepavyko',
    failed: 'Įvertinimo įrašyti nepavyko. Pabandykite dar kartą vėliau.',
    voidTitle: 'Vertinti nebereikia',
    void: 'Jūsų kreipimasis vėl nagrinėjamas, todėl ši vertinimo nuoroda nebegalioja. Kai jį išnagrinėsime, galėsite įvertinti.',
    contacts: 'Kontaktai',
    contactPhone: 'Tel.',
    contactEmail: 'El. paštas',
  },
  en: {
    title: 'Rate how we helped you',
    intro: 'Inquiry {number}. Your rating helps us do better.',
    switchLanguage: 'Lietuviškai',
    score: 'Rating',
    scoreHint: 'From 1 (bad) to 5 (excellent).',
    scores: ['1 – bad', '2 – poor', '3 – fair', '4 – good', '5 – excellent'],
    comment: 'Comment (optional)',
    commentHint: 'What did we do well, what could we do better? Up to {max} characters.',
    submit: 'Send rating',
    errorTitle: 'Error',
    errorScore: 'Choose a rating from 1 to 5.',
    errorComment: 'The comment is too long (up to {max} characters).',
    thanksTitle: 'Thank you for your rating',
    thanks: 'We have received your rating ({score} out of 5). Thank you for your time.',
    badLinkTitle: 'This link is not valid',
    badLink: 'The link is damaged or incomplete. Please open it again from the e-mail.',
    notFoundTitle: 'Link not found',
    notFound: 'There is no such rating link. Please check that you copied the whole link from the e-mail.',
    usedTitle: 'We already have your rating',
    used: 'A rating has already been given with this link: each inquiry can be rated once. Thank you!',
    expiredTitle: 'This link has expired',
    expired: 'A rating link works for 28 days, and this one has expired. If you would like to tell us something, please write to us.',
    failedTitle: 'Something went wrong',
    failed: 'Your rating could not be recorded. Please try again later.',
    voidTitle: 'No rating needed now',
    void: 'Your inquiry is being handled again, so this rating link no longer works. You can rate it once it is resolved.',
    contacts: 'Contacts',
    contactPhone: 'Phone',
    contactEmail: 'E-mail',
  },
} as const;

/** Lithuanian unless English is asked for. */
export function ratingLanguage(value: unknown, fallback: RatingLanguage = 'lt'): RatingLanguage {
  return value === 'en' || value === 'lt' ? value : fallback;
}

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (place, name: string) => String(values[name] ?? place));

// Readable on a phone, visible focus, large targets, no script: the page works in any browser.
const STYLE = `
body{font:1.05rem/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}
main,footer{max-width:40rem;margin:0 auto;padding:1rem}
footer{border-top:1px solid #555}
footer h2{font-size:1.1rem;margin:0 0 .25rem}
address{font-style:normal}
header{display:flex;justify-content:space-between;align-items:baseline;gap:1rem;flex-wrap:wrap}
fieldset{border:0;padding:0;margin:1rem 0 0}
legend,label.block{display:block;font-weight:600}
.scores label{display:block;padding:.5rem .75rem;margin:.25rem 0;border:1px solid #555;border-radius:4px;background:#fff}
.scores input{margin-right:.5rem}
textarea{box-sizing:border-box;width:100%;min-height:7rem;font:inherit;padding:.5rem;border:1px solid #555;border-radius:4px}
.field{margin-top:1rem}
.hint{color:#444;font-size:.95rem;margin:.25rem 0}
.error{color:#a40000;font-weight:600;margin:.25rem 0}
[aria-invalid=true]{border:2px solid #a40000}
button{font:inherit;font-weight:600;margin-top:1.5rem;padding:.75rem 1.5rem;border:0;border-radius:4px;background:#0b5394;color:#fff;cursor:pointer}
:focus-visible{outline:3px solid #e69500;outline-offset:2px}
a{color:#0b5394}
`;

function layout(language: RatingLanguage, title: string, content: string, site: RatingSite): string {
  return publicPage({ language, title: `${title} – ${site.name}`, style: STYLE, content, footer: contactsFooter(site, ratingMessages[language]), noindex: true });
}

/** What the form shows: the chosen score, the comment typed so far, and what was wrong with them. */
export interface RatingFormState {
  language: RatingLanguage;
  /** The link's path (`/rating/<token>`): the form posts back to it. */
  action: string;
  registryNumber: string;
  score: number | null;
  comment: string;
  invalid: ReadonlySet<'score' | 'comment'>;
}

/**
 * The confirmation form a score link opens: the score preselected, an optional comment, and Submit. Opening it
 * records nothing (mail scanners follow links); only the POST does.
 */
export function ratingFormPage(state: RatingFormState, site: RatingSite): string {
  const words = ratingMessages[state.language];
  const other: RatingLanguage = state.language === 'lt' ? 'en' : 'lt';
  const bad = (field: 'score' | 'comment') => state.invalid.has(field);
  const scoreQuery = state.score ? `score=${state.score}&amp;` : '';
  const choices = RATING_SCORES.map(
    (score) =>
      `<label><input type="radio" name="score" value="${score}"${state.score === score ? ' checked' : ''} required>${escapeHtml(words.scores[score - 1]!)}</label>`,
  ).join('\n');
  const title = `${state.invalid.size > 0 ? `${words.errorTitle}: ` : ''}${words.title}`;
  return layout(
    state.language,
    title,
    `<header><h1>${escapeHtml(words.title)}</h1><a href="${escapeHtml(state.action)}?${scoreQuery}lang=${other}" hreflang="${other}" lang="${other}">${escapeHtml(words.switchLanguage)}</a></header>
<p>${escapeHtml(fill(words.intro, { number: state.registryNumber }))}</p>
<form method="post" action="${escapeHtml(state.action)}" accept-charset="utf-8">
<input type="hidden" name="lang" value="${state.language}">
<fieldset class="scores" aria-describedby="score-hint${bad('score') ? ' score-error' : ''}"><legend>${escapeHtml(words.score)}</legend>
<p class="hint" id="score-hint">${escapeHtml(words.scoreHint)}</p>${bad('score') ? `<p class="error" id="score-error" role="alert">${escapeHtml(words.errorScore)}</p>` : ''}
${choices}
</fieldset>
<div class="field"><label class="block" for="comment">${escapeHtml(words.comment)}</label>
<p class="hint" id="comment-hint">${escapeHtml(fill(words.commentHint, { max: RATING_COMMENT_MAX }))}</p>${bad('comment') ? `<p class="error" id="comment-error" role="alert">${escapeHtml(fill(words.errorComment, { max: RATING_COMMENT_MAX }))}</p>` : ''}
<textarea id="comment" name="comment" maxlength="${RATING_COMMENT_MAX}" aria-describedby="comment-hint${bad('comment') ? ' comment-error' : ''}"${bad('comment') ? ' aria-invalid="true"' : ''}>${escapeHtml(state.comment)}</textarea></div>
<button type="submit">${escapeHtml(words.submit)}</button>
</form>`,
    site,
  );
}

/** After the POST: thanks, and the score that was recorded. */
export function ratingThanksPage(language: RatingLanguage, score: number, site: RatingSite): string {
  const words = ratingMessages[language];
  return layout(language, words.thanksTitle, `<h1>${escapeHtml(words.thanksTitle)}</h1>\n<p id="rating-recorded">${escapeHtml(fill(words.thanks, { score }))}</p>`, site);
}

/** Why a link records nothing: damaged (400), unknown (404), used, expired or void (410); or our failure (500). */
export type RatingRefusal = 'badLink' | 'notFound' | RatingClosedReason | 'failed';

const REFUSAL_TITLES = { badLink: 'badLinkTitle', notFound: 'notFoundTitle', used: 'usedTitle', expired: 'expiredTitle', void: 'voidTitle', failed: 'failedTitle' } as const;

export function ratingRefusalPage(language: RatingLanguage, refusal: RatingRefusal, site: RatingSite): string {
  const words = ratingMessages[language];
  const title = words[REFUSAL_TITLES[refusal]];
  return layout(language, title, `<h1>${escapeHtml(title)}</h1>\n<p id="rating-refused">${escapeHtml(words[refusal])}</p>`, site);
}
