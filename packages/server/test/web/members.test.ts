/**
 * Members in a real browser: the owner invites an assistant on the members page, the link from
 * the outbox (where mail goes without SMTP) opens the accept page, the assistant chooses a name
 * and password and lands signed in; the owner then changes their role and removes them.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { OutboxMessage } from '@proofsheet/protocol';
import {
  browserSkip,
  SCREENSHOT_DIR,
  signIn,
  type WebHarness,
  webHarness,
} from '../helpers/browser.js';

const PASSWORD = 'a brand new passphrase, long enough';

describe('members in the browser', { skip: browserSkip }, () => {
  let h: WebHarness;
  before(async () => {
    h = await webHarness();
  });
  after(() => h?.close());

  it('invite, accept from the emailed link, change the role, remove', async () => {
    const ownerContext = await h.newContext();
    const owner = await ownerContext.newPage();
    await signIn(owner, h.studioUrl, h.users.owner.email, '/app/members');
    await owner.getByText(h.users.assistant.email).waitFor();
    await owner.getByLabel('Email').fill('newbie@example.com');
    await owner.getByLabel('Role', { exact: true }).selectOption('assistant');
    await owner.getByLabel('First name (optional)').fill('Nia');
    await owner.getByRole('button', { name: 'Send the invitation' }).click();
    await owner.locator('#invitations-list').getByText('newbie@example.com').waitFor();

    // The link, as the owner reads it from the outbox.
    const outbox = await owner.evaluate(async () => {
      const res = await fetch('/api/v1/outbox', { credentials: 'same-origin' });
      return (await res.json()) as { data: OutboxMessage[] };
    });
    const message = outbox.data.find((m) => m.to === 'newbie@example.com');
    assert.ok(message);
    assert.equal(message.kind, 'invitation');
    const link = /https?:\/\/\S+\/invitations\/accept\?token=[A-Za-z0-9_-]{43}/.exec(message.text);
    assert.ok(link, message.text);
    const { pathname, search } = new URL(link[0]);

    const newbieContext = await h.newContext();
    const newbie = await newbieContext.newPage();
    await newbie.goto(`${h.studioUrl}${pathname}${search}`);
    await newbie.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
    assert.equal(await newbie.getByLabel('First name').inputValue(), 'Nia');
    await newbie.getByLabel('Last name').fill('Newbie');
    await newbie.getByLabel('Password').fill('password1234');
    await newbie.getByRole('button', { name: 'Accept and sign in' }).click();
    await newbie
      .getByRole('alert')
      .getByText(/too easy to guess/)
      .waitFor();
    await newbie.getByLabel('Password').fill(PASSWORD);
    await Promise.all([
      newbie.waitForURL((url) => url.pathname.startsWith('/app/clients')),
      newbie.getByRole('button', { name: 'Accept and sign in' }).click(),
    ]);
    const session = (await newbie.evaluate(async () =>
      (await fetch('/api/v1/session')).json(),
    )) as {
      data: { user: { email: string; role: string; first_name: string } };
    };
    assert.equal(session.data.user.email, 'newbie@example.com');
    assert.equal(session.data.user.role, 'assistant');
    assert.equal(session.data.user.first_name, 'Nia');

    // The owner sees the new member, makes them a gallery client, then removes them.
    await owner.reload();
    const row = owner.locator('#members-list li', { hasText: 'newbie@example.com' });
    await row.waitFor();
    assert.equal(
      await owner.locator('#invitations-list').getByText('newbie@example.com').count(),
      0,
    );
    await owner.screenshot({ path: join(SCREENSHOT_DIR, 'members-page.png'), fullPage: true });
    await row.getByLabel('Role of Nia Newbie').selectOption('gallery_client');
    await owner.getByText('Nia Newbie is now gallery client').waitFor();
    const after = await newbie.evaluate(async () => (await fetch('/api/v1/session')).status);
    assert.equal(after, 401, 'their session ended with the change');
    await row.getByRole('button', { name: 'Remove Nia Newbie' }).click();
    await owner.locator('#confirm-ok').click();
    await owner.getByText('Nia Newbie was removed.').waitFor();
    // The list is read again after the announcement: the row goes then.
    await row.waitFor({ state: 'detached' });
    await ownerContext.close();
    await newbieContext.close();
  });

  it('an assistant is told the page is for owners', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await signIn(page, h.studioUrl, h.users.assistant.email, '/app/members');
    await page.getByText("The Members page is for the studio's owners.").waitFor();
    await context.close();
  });
});
