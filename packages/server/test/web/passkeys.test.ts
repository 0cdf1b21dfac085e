/**
 * Passkeys in a real browser, through Chromium's virtual authenticator (CDP's WebAuthn domain:
 * a CTAP2 platform authenticator with resident keys and user verification): add one on the
 * account page, sign out, sign in with it alone; then the password, which now asks for the
 * passkey as its second step.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  browserSkip,
  SCREENSHOT_DIR,
  submitLogin,
  type WebHarness,
  webHarness,
} from '../helpers/browser.js';
import { PASSWORD } from '../helpers/harness.js';

describe('passkeys in the browser', { skip: browserSkip }, () => {
  let h: WebHarness;
  before(async () => {
    h = await webHarness();
  });
  after(() => h?.close());

  it('add a passkey on the account page, sign out, and sign in with the passkey alone', async () => {
    // WebAuthn wants a domain for its RP ID, not an IP address: the same server as localhost.
    const base = h.studioUrl.replace('127.0.0.1', 'localhost');
    const email = h.users.owner.email;
    const context = await h.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });

    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${base}/app/account`);
    await submitLogin(page, email);
    await page.getByText('Off. Sign-in asks for your password alone.').waitFor();
    await page.getByText('No passkey yet.').waitFor();
    await page.getByLabel('Name of the new passkey').fill('Test laptop');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.locator('#pk-list li', { hasText: 'Test laptop' }).waitFor();
    await page.getByText(/^On with 1 passkey/).waitFor();
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.equal(credentials.length, 1);
    assert.equal(credentials[0]?.isResidentCredential, true);
    await page.locator('#pk-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'passkeys-account.png'), fullPage: true });

    await Promise.all([
      page.waitForURL((url) => url.pathname === '/login'),
      page.getByRole('button', { name: 'Sign out', exact: true }).click(),
    ]);
    assert.equal(
      (await context.cookies()).some((c) => c.name === 'session_cookie'),
      false,
    );
    const button = page.getByRole('button', { name: 'Sign in with a passkey' });
    await button.waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'passkeys-sign-in.png') });
    await Promise.all([page.waitForURL((url) => url.pathname.startsWith('/app')), button.click()]);
    assert.ok((await context.cookies()).some((c) => c.name === 'session_cookie'));
    const events = await h.storage.auditEvents.list(
      h.users.owner.accountId,
      { offset: 0, limit: 20 },
      { types: ['sign_in.succeeded'], userId: null, since: null, until: null },
    );
    assert.ok(events.items.some((e) => e.detail.method === 'passkey'));

    // The password alone no longer signs in: the passkey is the second step.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Confirm it is you with your passkey.').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'passkeys-second-step.png') });
    await Promise.all([
      page.waitForURL((url) => url.pathname.startsWith('/app')),
      page.getByRole('button', { name: 'Sign in with a passkey' }).click(),
    ]);
    assert.ok((await context.cookies()).some((c) => c.name === 'session_cookie'));
    assert.deepEqual(problems, [], 'no script failed on any page');
    await context.close();
  });
});
