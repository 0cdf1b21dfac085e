/**
 * Password reset in a real browser, without JavaScript's help: the sign-in page's link, the
 * request form, the email's link (read from the outbox, which is where mail goes without
 * SMTP), the new password, the sign-in page saying so, and a sign-in with the new password.
 * The owner then finds the message on the outbox page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { outboxMailer } from '../../src/mail/outbox-mailer.js';
import {
  browserSkip,
  signIn,
  submitLogin,
  type WebHarness,
  webHarness,
} from '../helpers/browser.js';
import { outboxMessage } from '../mail/mail-helpers.js';

const NEW_PASSWORD = 'correct horse battery staple, again';

describe('password reset in the browser', { skip: browserSkip }, () => {
  let h: WebHarness;
  before(async () => {
    h = await webHarness({}, { mailer: outboxMailer() });
  });
  after(() => h?.close());

  it('from the sign-in page to a sign-in with the new password', async () => {
    const email = h.users.assistant.email;
    const context = await h.newContext();
    const page = await context.newPage();
    await page.goto(`${h.studioUrl}/login`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.locator('#reset-sent').waitFor();

    const message = await outboxMessage(h.storage, h.accountId, 'sent');
    assert.equal(message.to, email);
    const link = /https?:\/\/[^\s"]+\/reset-password\?token=[A-Za-z0-9_-]{43}/.exec(message.text);
    assert.ok(link, message.text);
    const { pathname, search } = new URL(link[0]);
    await page.goto(`${h.studioUrl}${pathname}${search}`);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    // A common password: the page comes back saying why, and the link still works.
    await page.getByLabel('New password').fill('password1234');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page
      .getByRole('alert')
      .getByText(/too easy to guess/)
      .waitFor();
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/login'),
      page.getByRole('button', { name: 'Set the new password' }).click(),
    ]);
    await submitLogin(page, email, NEW_PASSWORD);
    assert.match(new URL(page.url()).pathname, /^\/app\//, 'signed in');

    // The link worked once: opened again, it is refused with a reason.
    await page.goto(`${h.studioUrl}${pathname}${search}`);
    await page.getByLabel('New password').fill(`${NEW_PASSWORD} twice`);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByRole('alert').waitFor();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /used/i);
    await context.close();
  });

  it('the owner finds the message on the outbox page', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await signIn(page, h.studioUrl, h.users.owner.email, '/app/outbox');
    await page.getByText(h.users.assistant.email).first().waitFor();
    await context.close();
  });
});
