import { escapeHtml, publicPage } from './pages.js';

/** How an install ended, for the page the installer sees. */
export type InstallOutcome =
  | { outcome: 'installed'; workspace: string; institution: string }
  | { outcome: 'link_invalid' | 'link_expired' | 'workspace_taken' | 'org_install' | 'cancelled' | 'restart' | 'failed' };

type PageLanguage = 'lt' | 'en';

/** The page's words, Lithuanian first; `{workspace}` and `{institution}` are filled in. */
const WORDS: Record<PageLanguage, Record<InstallOutcome['outcome'] | 'title' | 'failedTitle', string>> = {
  lt: {
    title: 'Langelis įdiegtas',
    failedTitle: 'Langelio įdiegti nepavyko',
    installed:
      'Langelis įdiegtas darbo erdvėje „{workspace}“ įstaigai „{institution}“. Toliau: pakvieskite Langelį į darbuotojų kanalą (jame parašykite /invite @Langelis), o nustatymus peržiūrėkite komanda /inquiry settings.',
    link_invalid: 'Ši diegimo nuoroda netinka. Paprašykite naujos nuorodos miesto IT komandos.',
    link_expired: 'Šios diegimo nuorodos galiojimas baigėsi. Paprašykite naujos nuorodos miesto IT komandos.',
    workspace_taken: 'Ši darbo erdvė jau aptarnauja kitą įstaigą. Jei ją reikia perkelti, kreipkitės į miesto IT komandą.',
    org_install: 'Įdiegti visai organizacijai negalima: įdiekite Langelį kiekvienos įstaigos darbo erdvėje atskirai.',
    cancelled: 'Diegimas atšauktas. Nieko nepakeista.',
    restart: 'Diegimas užtruko per ilgai arba baigtas kitoje naršyklėje. Pradėkite iš naujo su ta pačia nuoroda.',
    failed: 'Diegimo užbaigti nepavyko. Pabandykite dar kartą su ta pačia nuoroda.',
  },
  en: {
    title: 'Langelis is installed',
    failedTitle: 'Langelis could not be installed',
    installed:
      'Langelis is installed in the workspace “{workspace}” for “{institution}”. Next: invite Langelis to your staff channel (type /invite @Langelis there), and review the settings with /inquiry settings.',
    link_invalid: 'This install link is not valid. Ask the city IT team for a new one.',
    link_expired: 'This install link has expired. Ask the city IT team for a new one.',
    workspace_taken: 'This workspace already serves another institution. Ask the city IT team if it is to be moved.',
    org_install: 'Langelis cannot be installed for a whole organisation: install it in each institution’s workspace.',
    cancelled: 'The install was cancelled. Nothing was changed.',
    restart: 'The install took too long or finished in another browser. Start again with the same link.',
    failed: 'The install could not be finished. Try again with the same link.',
  },
};

const STYLE = `
body{font:1.05rem/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}
main{max-width:40rem;margin:0 auto;padding:1rem}
`;

/** English for a browser that asks for it first; Lithuanian otherwise. */
export function pageLanguage(acceptLanguage: string | undefined): PageLanguage {
  return /^\s*en\b/i.test(acceptLanguage ?? '') ? 'en' : 'lt';
}

/** The page an installer sees at the end (or refusal) of an install: one heading, one paragraph saying what next. */
export function installPage(language: PageLanguage, result: InstallOutcome): string {
  const words = WORDS[language];
  const title = result.outcome === 'installed' ? words.title : words.failedTitle;
  const text = words[result.outcome].replace(/\{(workspace|institution)\}/g, (_match, name: 'workspace' | 'institution') => (result.outcome === 'installed' ? result[name] : ''));
  const role = result.outcome === 'installed' ? 'status' : 'alert';
  return publicPage({ language, title, style: STYLE, content: `<h1>${escapeHtml(title)}</h1>\n<p role="${role}">${escapeHtml(text)}</p>`, footer: '', noindex: true });
}
