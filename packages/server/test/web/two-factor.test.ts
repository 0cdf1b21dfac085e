/**
 * Two-factor sign-in in a real browser: the account page's QR code and key, the first code,
 * the recovery codes shown once; then signing in again, which asks for a code on a page of its
 * own, with a recovery code as the way out.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Secret } from 'otpauth';
import type { Page } from 'playwright-core';
import { totpCode } from '../../src/auth/two-factor/totp.js';
import {
  browserSkip,
  SCREENSHOT_DIR,
  signIn,
  type WebHarness,
  waitForTrue,
  webHarness,
} from '../helpers/browser.js';
import { PASSWORD } from '../helpers/harness.js';

describe('two-factor sign-in in the browser', { skip: browserSkip }, () => {
  let h: WebHarness;
  before(async () => {
    h = await webHarness();
  });
  after(() => h?.close());

  const code = (secret: string) =>
    totpCode(new Uint8Array(Secret.fromBase32(secret).buffer), h.clock.now().getTime());

  async function passwordStep(page: Page, email: string) {
    await page.goto(`${h.studioUrl}/app/account`);
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('Authentication code').waitFor();
  }

  it('set up from the QR code, then sign in with a code, and once with a recovery code', async () => {
    const email = h.users.owner.email;
    const context = await h.newContext();
    const page = await context.newPage();
    await signIn(page, h.studioUrl, email, '/app/account');
    await page.getByText('Off. Sign-in asks for your password alone.').waitFor();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const qr = page.getByRole('img', { name: 'QR code of the authenticator key' });
    await qr.waitFor();
    await waitForTrue(page, "document.getElementById('tf-qr').naturalWidth > 0");
    const secret = ((await page.locator('#tf-secret').textContent()) ?? '').replaceAll(' ', '');
    assert.match(secret, /^[A-Z2-7]{32}$/);
    await page.locator('#two-factor-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'two-factor-setup.png'), fullPage: true });

    await page.getByLabel('The 6-digit code the app shows').fill('000000');
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByText('does not match the authenticator app').waitFor();
    await page.getByLabel('The 6-digit code the app shows').fill(code(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.locator('#tf-code-list li').first().waitFor();
    const recovery = await page.locator('#tf-code-list li').allTextContents();
    assert.equal(recovery.length, 10);
    await page.getByText(/^On since .* 10 recovery codes left\.$/).waitFor();
    await page.getByRole('button', { name: 'I have saved them' }).click();
    assert.equal(await page.locator('#tf-code-list li').count(), 0, 'the codes are gone');
    await context.close();

    // A new browser: the password is not enough.
    h.clock.advance(30_000);
    const next = await h.newContext();
    const second = await next.newPage();
    await passwordStep(second, email);
    assert.equal(
      (await next.cookies()).some((c) => c.name === 'session_cookie'),
      false,
      'no session before the code',
    );
    await second.screenshot({ path: join(SCREENSHOT_DIR, 'two-factor-sign-in.png') });
    await second.getByLabel('Authentication code').fill('123456');
    await second.getByRole('button', { name: 'Verify' }).click();
    await second.getByRole('alert').getByText('The code is not valid').waitFor();
    await second.getByLabel('Authentication code').fill(code(secret));
    await Promise.all([
      second.waitForURL((url) => url.pathname === '/app/account'),
      second.getByRole('button', { name: 'Verify' }).click(),
    ]);
    await second.getByText(/^On since/).waitFor();
    await next.close();

    // Lost phone: a recovery code, once.
    const third = await h.newContext();
    const lost = await third.newPage();
    await passwordStep(lost, email);
    await lost.getByText('Use a recovery code instead').click();
    await lost.getByLabel('Recovery code').fill(recovery[0] ?? '');
    await Promise.all([
      lost.waitForURL((url) => url.pathname === '/app/account'),
      lost.getByRole('button', { name: 'Sign in with a recovery code' }).click(),
    ]);
    await lost.getByText(/9 recovery codes left/).waitFor();
    await third.close();
  });
});
