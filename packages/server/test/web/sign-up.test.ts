/**
 * Sign-up and email change in a real browser, end to end through the local outbox (where mail
 * goes without SMTP): the sign-in page's link, the sign-up form, the emailed link, the owner's
 * password, the new studio's app; then, on the account page, a new address, its emailed link,
 * and a sign-in with the new address. The pages work without JavaScript's help; the account
 * page's form is the app's script.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { outboxMailer } from '../../src/mail/outbox-mailer.js';
import { NO_STUDIO } from '../../src/mail/queue-mail.js';
import { browserSkip, submitLogin, type WebHarness, webHarness } from '../helpers/browser.js';
import { sentTo } from '../mail/mail-helpers.js';

const OWNER = 'browser-owner@example.com';
const NEW_ADDRESS = 'browser-owner-moved@example.com';
const PASSWORD = 'a studio password nobody guesses';

/** The path and query of the first link to `path` in a message body. */
function linkIn(text: string, path: string): string {
  const match = new RegExp(`https?://[^\\s"]+${path}\\?token=[A-Za-z0-9_-]{43}`).exec(text);
  assert.ok(match, text);
  const url = new URL(match[0]);
  return `${url.pathname}${url.search}`;
}

describe('sign-up and email change in the browser', { skip: browserSkip }, () => {
  let h: WebHarness;
  before(async () => {
    h = await webHarness({ signUp: 'open' }, { mailer: outboxMailer() });
  });
  after(() => h?.close());

  it('from the sign-in page to the new studio, then a new address to sign in with', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await page.goto(`${h.studioUrl}/login`);
    await page.getByRole('link', { name: 'Make your studio' }).click();
    await page.getByRole('heading', { name: 'Make your studio' }).waitFor();
    await page.getByLabel('Studio name').fill('Browser Studio');
    await page.getByLabel('First name').fill('Bea');
    await page.getByLabel('Last name').fill('Rowser');
    await page.getByLabel('Email').fill(OWNER);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.locator('#signup-sent').waitFor();

    const message = await sentTo(h.storage, NO_STUDIO, OWNER);
    await page.goto(`${h.studioUrl}${linkIn(message.text, '/signup/complete')}`);
    await page.getByRole('heading', { name: 'Finish signing up' }).waitFor();
    await page.getByText('Browser Studio').waitFor();
    // A common password: the page comes back saying why, and the link still works.
    await page.getByLabel('Password').fill('password1234');
    await page.getByRole('button', { name: 'Make the studio' }).click();
    await page
      .getByRole('alert')
      .getByText(/too easy to guess/)
      .waitFor();
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([
      page.waitForURL((url) => url.pathname.startsWith('/app/')),
      page.getByRole('button', { name: 'Make the studio' }).click(),
    ]);
    const owner = await h.storage.users.findByEmail(OWNER);
    assert.equal(owner?.role, 'owner');
    assert.notEqual(owner?.accountId, h.accountId, 'a studio of its own');

    await page.goto(`${h.studioUrl}/app/account`);
    await page.getByRole('heading', { name: 'Change email address' }).waitFor();
    await page.getByLabel('New email address').fill(NEW_ADDRESS);
    await page.locator('#ec-password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Send the confirmation link' }).click();
    await page.getByText(/Open the link we sent to the new address/).waitFor();

    const accountId = owner?.accountId ?? '';
    const notice = await sentTo(h.storage, accountId, OWNER);
    assert.equal(notice.kind, 'email_change_notice');
    const link = await sentTo(h.storage, accountId, NEW_ADDRESS);
    await page.goto(`${h.studioUrl}${linkIn(link.text, '/account/email/confirm')}`);
    await page.getByText(NEW_ADDRESS).waitFor();
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/login'),
      page.getByRole('button', { name: 'Confirm the new address' }).click(),
    ]);
    await page.getByText('Your email address was changed').waitFor();
    await context.close();

    const fresh = await h.newContext();
    const again = await fresh.newPage();
    await again.goto(`${h.studioUrl}/login`);
    await submitLogin(again, NEW_ADDRESS, PASSWORD);
    assert.match(new URL(again.url()).pathname, /^\/app\//, 'signed in with the new address');
    await fresh.close();
  });
});
