import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Collection } from '@proofsheet/protocol';
import {
  browserSkip,
  signIn,
  type WebHarness,
  waitForCount,
  webHarness,
} from '../helpers/browser.js';
import { loginAs } from '../helpers/harness.js';

describe('the Gallery pages in a browser', { skip: browserSkip }, () => {
  let h: WebHarness;
  let shared: Collection;

  before(async () => {
    h = await webHarness();
    const owner = await loginAs(h, 'owner', h.gallery);
    const create = async (payload: object) => {
      const res = await h.gallery.inject({
        method: 'POST',
        url: '/api/v1/collections',
        headers: owner.headers,
        payload,
      });
      assert.equal(res.statusCode, 201, res.body);
      return (res.json() as { data: Collection }).data;
    };
    shared = await create({ name: 'Smith Wedding', shared_with: ['gallery-client@example.com'] });
    await create({ name: 'Private Portfolio' });
    const gallery = await h.gallery.inject({
      method: 'POST',
      url: `/api/v1/collections/${shared.id}/galleries`,
      headers: owner.headers,
      payload: { name: 'Ceremony' },
    });
    assert.equal(gallery.statusCode, 201, gallery.body);
  });
  after(() => h?.close());

  it('signs in, creates a collection, renames it, manages its galleries, signs out', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await signIn(page, h.galleryUrl, h.users.owner.email);
    assert.equal(new URL(page.url()).pathname, '/app/collections');
    const rows = page.locator('#collection-list li[data-id]');
    await waitForCount(rows, 2);

    await page.getByLabel('Name').fill('Jones Family');
    await page.getByRole('button', { name: 'Create collection' }).click();
    await page.getByRole('status').getByText('Created the collection “Jones Family”.').waitFor();
    await waitForCount(rows, 3);

    await page.getByRole('link', { name: 'Jones Family' }).click();
    await page.getByRole('heading', { name: 'Jones Family', level: 1 }).waitFor();
    const id = Number(new URL(page.url()).pathname.split('/').pop());

    await page.locator('#rename-name').fill('Jones Family 2026');
    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    await page.getByRole('heading', { name: 'Jones Family 2026', level: 1 }).waitFor();
    assert.equal(
      (await h.storage.collections.findById(h.accountId, id))?.name,
      'Jones Family 2026',
    );

    await page.getByLabel('Gallery name').fill('Portraits');
    await page.getByRole('button', { name: 'Add gallery' }).click();
    await page.getByRole('status').getByText('Added the gallery “Portraits”.').waitFor();
    await page.getByRole('button', { name: 'Rename Portraits' }).click();
    await page.getByLabel('New name for Portraits').fill('Studio portraits');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page
      .getByRole('status')
      .getByText('Renamed the gallery to “Studio portraits”.')
      .waitFor();
    const galleries = await h.storage.galleries.listForCollection(h.accountId, id);
    assert.deepEqual(
      galleries.map((g) => g.name),
      ['Studio portraits'],
    );

    await page.getByRole('button', { name: 'Delete Studio portraits' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('status').getByText('Deleted the gallery “Studio portraits”.').waitFor();
    assert.equal((await h.storage.galleries.listForCollection(h.accountId, id)).length, 0);

    await page.getByRole('button', { name: 'Delete collection' }).click();
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/app/collections'),
      page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click(),
    ]);
    await waitForCount(rows, 2);
    assert.equal(await h.storage.collections.findById(h.accountId, id), null);

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Workspace' }).waitFor();
    await page.getByText('teststudio', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('shows a gallery client only what is shared with them, without write controls', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await signIn(page, h.galleryUrl, h.users.gallery_client.email);
    const rows = page.locator('#collection-list li[data-id]');
    await waitForCount(rows, 1);
    assert.equal(await rows.locator('a').textContent(), 'Smith Wedding');
    assert.equal(await page.locator('#collection-editor').isVisible(), false);

    await page.getByRole('link', { name: 'Smith Wedding' }).click();
    // The client view: the collection's cover and its one gallery's photos, none yet.
    await page.getByText('No photos here yet.').waitFor();
    assert.equal(await page.locator('#cover h1').textContent(), 'Smith Wedding');
    assert.equal(await page.locator('#galleries').isVisible(), false);
    assert.equal(await page.locator('#gallery-tabs').isVisible(), false, 'one gallery: no tabs');
    assert.equal(await page.locator('#collection-settings').isVisible(), false);
    assert.equal(await page.locator('#gallery-editor').isVisible(), false);
    assert.equal(await page.getByRole('button', { name: /^(Rename|Delete)/ }).count(), 0);
    await context.close();
  });
});
