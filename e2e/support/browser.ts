import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { stack } from './stack';

const repoRoot = join(__dirname, '../..');
/** Written by every run, git-ignored; `docs/screenshots/` holds the committed set. */
export const screenshotDir = join(repoRoot, 'test-output', 'screenshots');

/** Debian's Chromium, headless; the test runner installs it when missing. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.HOOKLINE_CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

export const consoleUrl = (): string => `${stack().urls.registry}/console/`;

/** A fresh browser profile (empty session and local storage) that reports `languages` to pages. */
export async function consoleContext(browser: Browser, languages: readonly string[] = ['en-US']): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: languages[0],
    extraHTTPHeaders: { 'accept-language': languages.join(',') },
    viewport: { width: 1280, height: 860 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  // Runs in the page, where `navigator` exists; a string keeps Node's type-check out of the browser's globals.
  await context.addInitScript(`Object.defineProperty(navigator, 'languages', { get: () => ${JSON.stringify(languages)} });`);
  return context;
}

/** Opens the console and signs in with a tenant API key; resolves once the webhooks screen shows. */
export async function signIn(page: Page, apiKey: string): Promise<void> {
  await page.goto(consoleUrl());
  await page.locator('#api-key').fill(apiKey);
  await page.locator('form.sign-in-card button[type="submit"]').click();
  await page.getByTestId('tenant-name').waitFor();
}

/** A full-page screenshot under test-output/screenshots/<direction>/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const direction = await page.evaluate<string>("document.documentElement.dir || 'ltr'");
  const dir = join(screenshotDir, direction);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  // Fonts and the last state change settle before the picture is taken.
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  await page.screenshot({ path, fullPage: true });
  return path;
}
