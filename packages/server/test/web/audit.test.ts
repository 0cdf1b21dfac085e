/**
 * The audit log page in a real browser: the owner fails a sign-in, signs in, and finds both on
 * `/app/audit`, newest first, with the address they came from; the type filter keeps one kind.
 * An assistant has no such page.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  browserSkip,
  SCREENSHOT_DIR,
  signIn,
  submitLogin,
  type WebHarness,
  waitForCount,
  webHarness,
} from '../helpers/browser.js';

describe('audit log page', { skip: browserSkip }, () => {
  let h: WebHarness;
  before(async () => {
    h = await webHarness();
  });
  after(() => h?.close());

  it('shows a failed and a successful sign-in, newest first, and filters by type', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await page.goto(`${h.studioUrl}/app/audit`);
    await page.getByLabel('Email', { exact: true }).fill(h.users.owner.email);
    await page.getByLabel('Password', { exact: true }).fill('certainly not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Invalid email or password.').waitFor();
    // The failure is written beside the request: wait for it rather than race the page.
    await h.services.audit.flush();
    // The clock is the test's: a second later, so that newest first is the sign-in.
    h.clock.advance(1000);
    await submitLogin(page, h.users.owner.email);
    assert.equal(new URL(page.url()).pathname, '/app/audit');

    const rows = page.locator('#audit-rows tr');
    await waitForCount(rows, 2);
    assert.deepEqual(
      await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-type'))),
      ['sign_in.succeeded', 'sign_in.failed'],
    );
    const failed = page.locator('#audit-rows tr[data-type="sign_in.failed"]');
    assert.match((await failed.textContent()) ?? '', /A sign-in with a wrong password/);
    assert.match((await failed.textContent()) ?? '', new RegExp(h.users.owner.email));
    assert.match((await failed.textContent()) ?? '', /127\.0\.0\.1/);
    assert.equal(await page.locator('#audit-summary').textContent(), '2 events.');
    assert.equal(
      await page.getByRole('link', { name: 'Audit log' }).getAttribute('aria-current'),
      'page',
    );
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'audit-log.png'), fullPage: true });

    await page
      .getByLabel('Event', { exact: true })
      .selectOption({ label: 'A sign-in with a wrong password' });
    await page.getByRole('button', { name: 'Filter' }).click();
    await waitForCount(rows, 1);
    assert.equal(await rows.first().getAttribute('data-type'), 'sign_in.failed');
    assert.equal(await page.locator('#audit-summary').textContent(), '1 event.');
    await context.close();
  });

  it('is not in an assistant’s navigation, and its page says it is for owners', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await signIn(page, h.studioUrl, h.users.assistant.email, '/app/clients');
    assert.equal(await page.getByRole('link', { name: 'Audit log' }).count(), 0);
    const response = await page.goto(`${h.studioUrl}/app/audit`);
    assert.equal(response?.status(), 403);
    await page.getByText("The Audit log page is for the studio's owners.").waitFor();
    await context.close();
  });
});
