/**
 * A person in two studios, in a real browser: another studio invites an assistant of this one,
 * who joins from the emailed link with their password alone, then switches between the two
 * studios on the account page.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { OutboxMessage } from '@proofsheet/protocol';
import type { Page } from 'playwright-core';
import {
  browserSkip,
  SCREENSHOT_DIR,
  signIn,
  type WebHarness,
  webHarness,
} from '../helpers/browser.js';
import { PASSWORD } from '../helpers/harness.js';

/** The signed-in user's studio and role, as the page's own session says. */
async function sessionOf(page: Page) {
  const body = (await page.evaluate(async () => (await fetch('/api/v1/session')).json())) as {
    data: { role: string; user: { account_id: string } };
  };
  return { accountId: body.data.user.account_id, role: body.data.role };
}

describe('several studios in the browser', { skip: browserSkip }, () => {
  let h: WebHarness;
  before(async () => {
    h = await webHarness();
  });
  after(() => h?.close());

  it('join another studio from its invitation with your password, then switch between them', async () => {
    const other = await h.addStudio('Okafor Weddings');
    const ownerContext = await h.newContext();
    const owner = await ownerContext.newPage();
    await signIn(owner, h.studioUrl, other.owner.email, '/app/members');
    const person = h.users.assistant;
    await owner.getByLabel('Email').fill(person.email);
    await owner.getByLabel('Role', { exact: true }).selectOption('assistant');
    await owner.getByRole('button', { name: 'Send the invitation' }).click();
    await owner.locator('#invitations-list').getByText(person.email).waitFor();
    const outbox = await owner.evaluate(async () => {
      const res = await fetch('/api/v1/outbox', { credentials: 'same-origin' });
      return (await res.json()) as { data: OutboxMessage[] };
    });
    const message = outbox.data.find((m) => m.to === person.email);
    const link = /https?:\/\/\S+\/invitations\/accept\?token=[A-Za-z0-9_-]{43}/.exec(
      message?.text ?? '',
    );
    assert.ok(link, 'an invitation link in the outbox');
    const { pathname, search } = new URL(link[0]);

    const context = await h.newContext();
    const page = await context.newPage();
    await page.goto(`${h.studioUrl}${pathname}${search}`);
    await page.getByText('You have an account with this address already').waitFor();
    assert.equal(await page.getByLabel('First name').count(), 0, 'no name to choose');
    await page.getByLabel('Your password').fill('not my password at all');
    await page.getByRole('button', { name: 'Join and sign in' }).click();
    await page.getByRole('alert').getByText('That is not your password').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'studios-join.png') });
    await page.getByLabel('Your password').fill(PASSWORD);
    await Promise.all([
      page.waitForURL((url) => url.pathname.startsWith('/app/')),
      page.getByRole('button', { name: 'Join and sign in' }).click(),
    ]);
    assert.deepEqual(await sessionOf(page), { accountId: other.accountId, role: 'assistant' });

    await page.goto(`${h.studioUrl}/app/account`);
    const panel = page.getByRole('region', { name: 'Your studios' });
    await panel.getByText('Okafor Weddings').waitFor();
    await panel.getByText('Open now').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'studios-account.png') });
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/app/' || url.pathname.startsWith('/app/c')),
      panel.getByRole('button', { name: 'Switch to Test Studio' }).click(),
    ]);
    assert.deepEqual(await sessionOf(page), { accountId: h.accountId, role: 'assistant' });
    await context.close();
    await ownerContext.close();
  });

  it('someone in one studio sees no studio panel', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await signIn(page, h.studioUrl, h.users.owner.email, '/app/account');
    await page.getByRole('heading', { name: 'Where you are signed in' }).waitFor();
    await page.locator('#studio-list li').first().waitFor({ state: 'attached' });
    assert.equal(await page.getByRole('region', { name: 'Your studios' }).isVisible(), false);
    await context.close();
  });
});

describe('opening a studio from the account page', { skip: browserSkip }, () => {
  let h: WebHarness;
  before(async () => {
    h = await webHarness({ signUp: 'open' });
  });
  after(() => h?.close());

  it('with sign-up open: open one, see it listed, switch to it as its owner', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await signIn(page, h.studioUrl, h.users.assistant.email, '/app/account');
    const panel = page.getByRole('region', { name: 'Your studios' });
    await panel.getByLabel('Open a studio of your own').fill('Assistant Portraits');
    await panel.getByRole('button', { name: 'Open the studio' }).click();
    await page.getByText('Assistant Portraits is open.').waitFor();
    await panel.getByText('Assistant Portraits').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'studios-open.png') });
    await Promise.all([
      page.waitForURL((url) => url.pathname.startsWith('/app/')),
      panel.getByRole('button', { name: 'Switch to Assistant Portraits' }).click(),
    ]);
    const session = await sessionOf(page);
    assert.equal(session.role, 'owner');
    assert.notEqual(session.accountId, h.accountId);
    await context.close();
  });
});
