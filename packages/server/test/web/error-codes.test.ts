import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page, Route } from 'playwright-core';
import { browserSkip, signIn, type WebHarness, webHarness } from '../helpers/browser.js';

const CLIENTS = '/api/v1/clients/';

describe('the pages read errors by code, never by message', { skip: browserSkip }, () => {
  let h: WebHarness;
  before(async () => {
    h = await webHarness();
  });
  after(() => h?.close());

  /** The API requests the page sends, as `METHOD path`. */
  function requestLog(page: Page): string[] {
    const log: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/')) log.push(`${r.method()} ${url.pathname}`);
    });
    return log;
  }

  /**
   * The requests these tests are about: writes, and fetching the CSRF token. The page also
   * reads (the list, the unread badge) whenever it likes, which must not shift the order.
   */
  const isWriteOrToken = (l: string) => !l.startsWith('GET ') || l === 'GET /api/v1/csrf-token';

  /** Answers the next client creation with `status` and `body` instead of the server. */
  async function answerNextCreate(
    page: Page,
    status: number,
    body: object,
    headers: Record<string, string> = {},
  ): Promise<void> {
    let answered = false;
    await page.route(
      (url) => url.pathname === CLIENTS,
      (route: Route) => {
        if (answered || route.request().method() !== 'POST') return route.continue();
        answered = true;
        return route.fulfill({
          status,
          headers,
          contentType: 'application/json',
          body: JSON.stringify(body),
        });
      },
    );
  }

  async function createClient(page: Page, firstName: string): Promise<void> {
    await page.getByRole('button', { name: 'New client' }).click();
    await page.getByLabel('First name').fill(firstName);
    await page.getByRole('button', { name: 'Create client' }).click();
  }

  it('a csrf_mismatch in any words fetches the current token and sends the request again', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await signIn(page, h.studioUrl, h.users.owner.email);
    const log = requestLog(page);
    await answerNextCreate(page, 403, {
      error: 'Forbidden',
      message: 'Worded differently from the seed',
      code: 'csrf_mismatch',
    });
    await createClient(page, 'Retried');
    await page.getByRole('status').getByText('Created Retried.').waitFor();
    const writes = log.filter(isWriteOrToken);
    assert.deepEqual(writes.slice(0, 3), [
      `POST ${CLIENTS}`,
      'GET /api/v1/csrf-token',
      `POST ${CLIENTS}`,
    ]);
    await context.close();
  });

  it("a 403 with the seed's mismatch words but another code is final", async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await signIn(page, h.studioUrl, h.users.owner.email);
    const log = requestLog(page);
    await answerNextCreate(page, 403, {
      error: 'Forbidden',
      message: 'CSRF token mismatch',
      code: 'cross_site',
    });
    await createClient(page, 'Refused');
    await page.getByRole('alert').getByText('CSRF token mismatch').waitFor();
    assert.ok(!log.includes('GET /api/v1/csrf-token'), log.join(', '));
    await context.close();
  });

  it('forbidden and rate_limited get their sentences whatever the message says', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await signIn(page, h.studioUrl, h.users.owner.email);
    await answerNextCreate(page, 403, { error: 'Forbidden', message: 'Nope', code: 'forbidden' });
    await createClient(page, 'Forbidden');
    await page.getByRole('alert').getByText('Your account is not allowed to do this.').waitFor();

    await page.unrouteAll();
    await answerNextCreate(
      page,
      429,
      { error: 'Too Many Requests', message: 'Slow down', code: 'rate_limited' },
      { 'Retry-After': '7' },
    );
    await page.getByRole('button', { name: 'Create client' }).click();
    await page
      .getByRole('alert')
      .getByText('Too many requests. Please try again in 7 s.')
      .waitFor();
    await context.close();
  });

  it('a session renewed in another tab: the next write here gets the new token and succeeds', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await signIn(page, h.studioUrl, h.users.owner.email);
    const log = requestLog(page);
    // Another tab renews the session: new session, new CSRF token; this page holds the old one.
    const other = await context.newPage();
    await other.goto(`${h.studioUrl}/app/account`);
    const status = await other.evaluate(
      `fetch('/api/v1/session/refresh', { method: 'POST', credentials: 'include' }).then((r) => r.status)`,
    );
    assert.equal(status, 200);
    await createClient(page, 'Rotated');
    await page.getByRole('status').getByText('Created Rotated.').waitFor();
    assert.ok(log.includes('GET /api/v1/csrf-token'), log.join(', '));
    await context.close();
  });
});
