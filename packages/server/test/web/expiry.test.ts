import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  browserSkip,
  signIn,
  submitLogin,
  type WebHarness,
  webHarness,
} from '../helpers/browser.js';

describe('a session that expires while a page is open', { skip: browserSkip }, () => {
  let h: WebHarness;
  before(async () => {
    h = await webHarness();
  });
  after(() => h?.close());

  async function findClient(name: string) {
    const { items } = await h.storage.clients.list({
      accountId: h.accountId,
      types: null,
      search: name,
      offset: 0,
      limit: 5,
    });
    return items[0] ?? null;
  }

  it('renews itself with the auth token when only the idle timeout passed', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await signIn(page, h.studioUrl, h.users.owner.email);
    await page.getByRole('button', { name: 'New client' }).click();
    await page.getByLabel('First name').fill('Idle');
    h.clock.advance(h.config.sessionIdleMs + 1000);
    await page.getByRole('button', { name: 'Create client' }).click();
    await page.getByRole('status').getByText('Created Idle.').waitFor();
    assert.equal(new URL(page.url()).pathname, '/app/clients');
    assert.ok(await findClient('Idle'));
    await context.close();
  });

  it('sends the person to sign in and back, with what they typed restored', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await signIn(page, h.studioUrl, h.users.owner.email);
    await page.getByRole('button', { name: 'New client' }).click();
    await page.getByLabel('First name').fill('Katherine');
    await page.getByLabel('Last name').fill('Johnson');
    await page.getByLabel('Notes').fill('Typed before the session expired');
    const where = `${new URL(page.url()).pathname}${new URL(page.url()).search}`;
    assert.equal(where, '/app/clients?new=1');

    // Past the idle timeout and past the auth token's lifetime: refresh fails too.
    h.clock.advance(h.config.authTokenLifetimeMs + 1000);
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/login'),
      page.getByRole('button', { name: 'Create client' }).click(),
    ]);
    const login = new URL(page.url());
    assert.equal(login.searchParams.get('reason'), 'expired');
    assert.equal(login.searchParams.get('next'), where);
    await page.getByRole('alert').getByText('Your session expired').waitFor();
    assert.equal(await findClient('Katherine'), null);

    await submitLogin(page, h.users.owner.email);
    assert.equal(`${new URL(page.url()).pathname}${new URL(page.url()).search}`, where);
    await page
      .getByRole('status')
      .getByText(/We kept what you typed/)
      .waitFor();
    assert.equal(await page.getByLabel('First name').inputValue(), 'Katherine');
    assert.equal(await page.getByLabel('Last name').inputValue(), 'Johnson');
    assert.equal(await page.getByLabel('Notes').inputValue(), 'Typed before the session expired');

    await page.getByRole('button', { name: 'Create client' }).click();
    await page.getByRole('status').getByText('Created Katherine Johnson.').waitFor();
    assert.equal((await findClient('Katherine'))?.notes, 'Typed before the session expired');
    // The draft is used up: a reload does not bring it back.
    assert.equal(await page.evaluate('sessionStorage.length'), 0);
    await context.close();
  });
});
