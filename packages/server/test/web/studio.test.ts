import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  browserSkip,
  focusedId,
  signIn,
  type WebHarness,
  waitForCount,
  webHarness,
} from '../helpers/browser.js';
import { clientRecord } from '../helpers/resources.js';

describe('the Studio pages in a browser', { skip: browserSkip }, () => {
  let h: WebHarness;

  before(async () => {
    h = await webHarness();
    for (const [first, last, type] of [
      ['Ada', 'Lovelace', 'client'],
      ['Grace', 'Hopper', 'lead'],
    ] as const) {
      await h.storage.clients.create(
        clientRecord(h, {
          email: `${first.toLowerCase()}@example.com`,
          firstName: first,
          lastName: last,
          type,
        }),
      );
    }
  });
  after(() => h?.close());

  async function clientNames(page: Page): Promise<string[]> {
    return page.locator('#client-rows tr th').allTextContents();
  }

  it('signs in, lists, creates, edits and deletes clients, then signs out', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      // The browser logs every 4xx; the 422 of the invalid email is expected.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
        problems.push(m.text());
      }
    });

    await signIn(page, h.studioUrl, h.users.owner.email);
    assert.equal(new URL(page.url()).pathname, '/app/clients');
    await page.getByRole('heading', { name: 'Clients', level: 1 }).waitFor();
    await page.locator('#client-rows tr[data-id]').first().waitFor();
    assert.deepEqual((await clientNames(page)).sort(), ['Ada Lovelace', 'Grace Hopper']);

    // The type filter asks the API for leads only.
    await page.getByLabel('Type').first().selectOption('lead');
    await waitForCount(page.locator('#client-rows tr'), 1);
    assert.deepEqual(await clientNames(page), ['Grace Hopper']);
    assert.match(page.url(), /types=lead/);
    await page.getByLabel('Type').first().selectOption('all');

    // Create: a missing first name is caught beside the field, then the client is created.
    await page.getByRole('button', { name: 'New client' }).click();
    const form = page.locator('#client-form');
    assert.equal(await focusedId(page), 'first_name');
    await form.getByLabel('Email').fill('not-an-email');
    await form.getByRole('button', { name: 'Create client' }).click();
    assert.equal(await page.locator('#first_name-error').textContent(), 'First name is required');
    await form.getByLabel('First name').fill('Margaret');
    await form.getByLabel('Last name').fill('Hamilton');
    await form.getByRole('button', { name: 'Create client' }).click();
    // The server's validation message lands beside the email field.
    await page.locator('#email-error').waitFor({ state: 'visible' });
    assert.match((await page.locator('#email-error').textContent()) ?? '', /^Email must be/);
    assert.equal(await form.getByLabel('Email').getAttribute('aria-invalid'), 'true');
    await form.getByLabel('Email').fill('margaret@example.com');
    await form.getByRole('button', { name: 'Create client' }).click();
    await page.getByRole('status').getByText('Created Margaret Hamilton.').waitFor();
    assert.ok((await clientNames(page)).includes('Margaret Hamilton'));
    const { items } = await h.storage.clients.list({
      accountId: h.accountId,
      types: null,
      search: 'Margaret',
      offset: 0,
      limit: 10,
    });
    assert.equal(items[0]?.email, 'margaret@example.com');

    // Search, then edit the one found.
    await page.getByLabel('Search').fill('hamilton');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await waitForCount(page.locator('#client-rows tr'), 1);
    await page.getByRole('button', { name: 'Edit Margaret Hamilton' }).click();
    assert.equal(await form.getByLabel('First name').inputValue(), 'Margaret');
    await form.getByLabel('Company').fill('MIT');
    await form.getByLabel('Type').selectOption('lead');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').getByText('Saved Margaret Hamilton.').waitFor();
    const saved = await h.storage.clients.findById(h.accountId, items[0]?.id ?? '');
    assert.equal(saved?.company, 'MIT');
    assert.equal(saved?.type, 'lead');

    // Delete asks first; cancelling keeps the client.
    await page.getByRole('button', { name: 'Delete Margaret Hamilton' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.ok(await h.storage.clients.findById(h.accountId, items[0]?.id ?? ''));
    await page.getByRole('button', { name: 'Delete Margaret Hamilton' }).click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('status').getByText('Deleted Margaret Hamilton.').waitFor();
    assert.equal(await h.storage.clients.findById(h.accountId, items[0]?.id ?? ''), null);

    // Sign out: back to the login page, and the app is closed again.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.goto(`${h.studioUrl}/app/clients`);
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('shows notifications with the unread count, and marks them read', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await signIn(page, h.studioUrl, h.users.owner.email, '/app/notifications');
    await page.locator('#notification-list li').first().waitFor();
    const before = Number(await page.locator('#unread-count').textContent());
    assert.ok(before >= 1, 'creating a client made a notification');
    await page
      .getByRole('button', { name: /^Mark “.*” as read$/ })
      .first()
      .click();
    await page
      .getByRole('status')
      .getByText(/^Marked “.*” as read\.$/)
      .waitFor();
    const afterOne = await page.locator('#unread-count').textContent();
    assert.equal(Number(afterOne), before - 1);
    await context.close();
  });

  it('lists the sessions, revokes another one, and signs out everywhere else', async () => {
    const other = await h.newContext();
    await signIn(await other.newPage(), h.studioUrl, h.users.assistant.email);
    const third = await h.newContext();
    await signIn(await third.newPage(), h.studioUrl, h.users.assistant.email);

    const context = await h.newContext();
    const page = await context.newPage();
    await signIn(page, h.studioUrl, h.users.assistant.email, '/app/account');
    const rows = page.locator('#session-list li');
    await waitForCount(page.locator('#session-list li'), 3);
    assert.equal(await rows.filter({ hasText: 'This device' }).count(), 1);
    await page
      .getByRole('button', { name: /^Revoke session/ })
      .first()
      .click();
    await page
      .getByRole('status')
      .getByText(/^Signed out /)
      .waitFor();
    assert.equal(await rows.count(), 2);
    await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
    await page.getByRole('status').getByText('Signed out 1 other session.').waitFor();
    assert.equal(await rows.count(), 1);
    const sessions = await h.storage.sessions.listForUser(h.users.assistant.id);
    assert.equal(sessions.length, 1);
    await Promise.all([other.close(), third.close(), context.close()]);
  });

  it('changes the password with errors beside the fields', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await signIn(page, h.studioUrl, h.users.assistant.email, '/app/account');
    const form = page.locator('#password-form');
    await form.getByLabel('Current password').fill('wrong password!');
    await page.locator('#new_password').fill('a much better passphrase');
    await form.getByLabel('Repeat the new password').fill('a much better passphrase');
    await form.getByRole('button', { name: 'Change password' }).click();
    await page.locator('#current_password-error').getByText('Current password is wrong').waitFor();
    await form.getByLabel('Current password').fill('correct horse battery staple');
    await form.getByRole('button', { name: 'Change password' }).click();
    await page
      .getByRole('status')
      .getByText(/^Password changed\./)
      .waitFor();
    await context.close();
  });
});
