import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { availability, CHROMIUM } from './system-programs.js';


export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export interface BrowserOptions {
  /**
   * Let scripts the test injects run despite the pages' Content-Security-Policy (no script at all): for the
   * accessibility audit only, so the policy the pages send in production stays as strict as it is.
   */
  bypassCSP?: boolean;
}

/**
 * Debian's Chromium driven by playwright-core, headless, with a fresh profile. Tests that call it sit in
 * `describeWith(CHROMIUM, …)`, which skips or fails them when Chromium is missing.
 */
export async function startBrowser(options: BrowserOptions = {}): Promise<TestBrowser> {
  const { present, message } = availability(CHROMIUM);
  if (!present) throw new Error(message);
  const profile = await mkdtemp(path.join(tmpdir(), 'langelis-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM.path,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic'],
    bypassCSP: options.bypassCSP ?? false,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** WCAG 2.0 and 2.1, levels A and AA: what the public pages are held to. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One rule axe-core found broken, with where, in words a failing test can print. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

let axeSource: Promise<string> | undefined;

/**
 * Runs axe-core (the npm package, injected into the page) on what `page` shows now, for rules tagged `tags`.
 * Needs a context opened with `bypassCSP: true`: the pages' policy forbids every script, this one included.
 */
export async function axeViolations(page: Page, tags: string[] = WCAG_21_AA): Promise<AxeViolation[]> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: await axeSource });
  return page.evaluate(async (runOnly) => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: runOnly }, resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
    }));
  }, tags);
}
