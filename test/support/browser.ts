import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { availability, CHROMIUM } from './system-programs.js';


export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Debian's Chromium driven by playwright-core, headless, with a fresh profile. Tests that call it sit in
 * `describeWith(CHROMIUM, …)`, which skips or fails them when Chromium is missing.
 */
export async function startBrowser(): Promise<TestBrowser> {
  const { present, message } = availability(CHROMIUM);
  if (!present) throw new Error(message);
  const profile = await mkdtemp(path.join(tmpdir(), 'langelis-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM.path,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic'],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
