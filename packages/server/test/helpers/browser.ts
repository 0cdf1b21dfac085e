/**
 * Real-browser tests: Debian's chromium driven by playwright-core, against both APIs listening
 * on 127.0.0.1. One chromium at a time across test files (a lock directory), because the
 * machines that run the tests are small.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import type { Config } from '../../src/config/config.js';
import type { TestStudioOptions } from '../../src/testing.js';
import { PASSWORD } from './harness.js';
import { type Listening, listenHarness } from './listen.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Why the browser tests are skipped, or false to run them. In CI a missing chromium is a
 * failure, not a skip: the tests run and fail at launch.
 */
export const browserSkip: string | false =
  !existsSync(CHROMIUM_PATH) && process.env.CI !== 'true'
    ? `chromium is not installed at ${CHROMIUM_PATH} (apt-get install -y chromium)`
    : false;

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** The repository's `test-artifacts/screenshots/`, which git ignores. */
export const SCREENSHOT_DIR = fileURLToPath(
  new URL('../../../../../test-artifacts/screenshots/', import.meta.url),
);

const LOCK = join(tmpdir(), 'proofsheet-chromium.lock');
/** A lock older than this belongs to a run that crashed. */
const STALE_LOCK_MS = 5 * 60_000;

async function acquireLock(): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch {
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true });
      } catch {
        // Removed meanwhile by its owner: try again.
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${LOCK}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** A chromium with the lock held; `close()` releases both. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`chromium is not installed at ${CHROMIUM_PATH}: apt-get install -y chromium`);
  }
  await acquireLock();
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
    browser.on('disconnected', () => rmSync(LOCK, { recursive: true, force: true }));
    return browser;
  } catch (error) {
    rmSync(LOCK, { recursive: true, force: true });
    throw error;
  }
}

/** Both APIs on random ports of 127.0.0.1, and a browser. */
export interface WebHarness extends Listening {
  browser: Browser;
  /** A fresh browser profile: its own cookies and storage. */
  newContext(options?: { width: number; height: number }): Promise<BrowserContext>;
}

export async function webHarness(
  overrides: Partial<Config> = {},
  options: TestStudioOptions = {},
): Promise<WebHarness> {
  const h = await listenHarness(overrides, options);
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (error) {
    await h.close();
    throw error;
  }
  const close = h.close;
  return {
    ...h,
    browser,
    async newContext(size = { width: 1280, height: 800 }) {
      const context = await browser.newContext({
        viewport: size,
        locale: 'en-GB',
        timezoneId: 'UTC',
      });
      // Far below Playwright's 30 s: a page here answers in milliseconds or not at all.
      context.setDefaultTimeout(8000);
      return context;
    },
    async close() {
      await browser.close();
      await close();
    },
  };
}

/** Signs in on a login page already open, and waits until the browser leaves it. */
export async function submitLogin(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/login'),
    page.getByRole('button', { name: 'Sign in', exact: true }).click(),
  ]);
}

/** Opens `baseUrl + path`, signs in on the login page it leads to, and lands on `path`. */
export async function signIn(page: Page, baseUrl: string, email: string, path = '/app/') {
  await page.goto(`${baseUrl}${path}`);
  await submitLogin(page, email);
}

/** Waits until `locator` matches exactly `count` elements. */
export async function waitForCount(locator: Locator, count: number, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  let seen = await locator.count();
  while (seen !== count) {
    if (Date.now() > deadline) throw new Error(`Expected ${count} elements, found ${seen}`);
    await new Promise((r) => setTimeout(r, 50));
    seen = await locator.count();
  }
}

/** The id of the focused element. */
export function focusedId(page: Page): Promise<string> {
  return page.evaluate<string>('document.activeElement ? document.activeElement.id : ""');
}

/**
 * Waits until a JavaScript expression is true in the page. Polled from here with
 * `page.evaluate`, not by `page.waitForFunction`, whose polling evaluates a string with `eval`,
 * which the pages' CSP (script-src 'self') refuses.
 */
export async function waitForTrue(page: Page, expression: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate<boolean>(expression))) {
    if (Date.now() > deadline) throw new Error(`Still false after ${timeoutMs} ms: ${expression}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
