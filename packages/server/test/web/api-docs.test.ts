import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  browserSkip,
  SCREENSHOT_DIR,
  signIn,
  type WebHarness,
  webHarness,
} from '../helpers/browser.js';

/** Opens one operation of the reference open in `page`, and presses "Try it out". */
async function tryOut(page: Page, tag: string, operationId: string) {
  const section = page.locator(`#operations-${tag}-${operationId}`);
  if (!(await section.getAttribute('class'))?.includes('is-open')) {
    await section.locator('.opblock-summary-control').click();
  }
  await section.locator('.try-out__btn').click();
  return section;
}

/** Presses "Execute" and returns the status the reference shows for the live response. */
async function execute(section: ReturnType<Page['locator']>): Promise<string> {
  await section.locator('button.execute').click();
  const status = section.locator('.live-responses-table tbody .response-col_status').first();
  await status.waitFor();
  return (await status.textContent())?.trim() ?? '';
}

describe('the API reference at /docs in a browser', { skip: browserSkip }, () => {
  let h: WebHarness;
  before(async () => {
    h = await webHarness();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  after(() => h?.close());

  it("reads without a session, loads nothing from elsewhere, and tries GETs and POSTs with the browser's session", async () => {
    const context = await h.newContext({ width: 1280, height: 900 });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });

    // No session: the reference itself is public.
    await page.goto(`${h.galleryUrl}/docs`);
    await page.locator('#operations-Collections-listCollections').waitFor();
    assert.match(
      (await page.locator('.info .title').first().textContent()) ?? '',
      /^Proofsheet Gallery API/,
    );

    await signIn(page, h.studioUrl, h.users.owner.email);
    await page.goto(`${h.studioUrl}/docs`);
    const list = await tryOut(page, 'Clients', 'listClients');
    assert.equal(await execute(list), '200');

    // An unsafe request: the interceptor adds X-CSRF-Token from the XSRF-TOKEN cookie.
    const create = await tryOut(page, 'Clients', 'createClient');
    const body = JSON.stringify({ first_name: 'Grace', last_name: 'Hopper', type: 'lead' });
    await create.locator('textarea.body-param__text').fill(body);
    assert.equal(await execute(create), '201');
    await create.screenshot({ path: join(SCREENSHOT_DIR, 'api-docs-try-it-out.png') });
    const created = await h.storage.clients.list({
      accountId: h.accountId,
      types: null,
      offset: 0,
      limit: 10,
    });
    assert.deepEqual(
      created.items.map((c) => c.firstName),
      ['Grace'],
    );

    const readAll = await tryOut(page, 'Notifications', 'markAllNotificationsRead');
    assert.equal(await execute(readAll), '200');
    await readAll
      .locator('.live-responses-table tbody .response-col_description')
      .first()
      .waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'api-docs-studio.png') });

    const origins = new Set(
      requests.filter((u) => /^https?:/.test(u)).map((u) => new URL(u).origin),
    );
    assert.deepEqual(
      [...origins].sort(),
      [new URL(h.galleryUrl).origin, new URL(h.studioUrl).origin].sort(),
      'every request goes to the servers themselves',
    );
    assert.ok(requests.some((u) => u.endsWith('/docs/static/swagger-ui-bundle.js')));
    assert.ok(requests.some((u) => u.endsWith('/assets/api-docs.js')));
    assert.deepEqual(problems, []);
    await context.close();
  });
});
