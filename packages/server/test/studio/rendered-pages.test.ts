import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RenderedPages } from '../../src/studio/clients/rendered-pages.js';

describe('rendered client pages', () => {
  it('are reused for the same key and version, whatever objects the store returned', () => {
    const pages = new RenderedPages();
    const first = pages.render('k', '3.1', { data: [{ id: 'a' }] });
    // A store that builds new records on every read still hits: nothing depends on identity.
    const held = pages.get('k', '3.1');
    assert.deepEqual([held?.body, held?.etag], [first.body, first.etag]);
    assert.match(first.etag, /^W\/"/);
  });

  it('are rendered afresh once the version moves on, or for another key', () => {
    const pages = new RenderedPages();
    pages.render('k', '3.1', { n: 1 });
    assert.equal(pages.get('k', '3.2'), undefined);
    assert.equal(pages.get('other', '3.1'), undefined);
    const next = pages.render('k', '3.2', { n: 2 });
    assert.equal(pages.get('k', '3.2')?.body, next.body);
    assert.equal(pages.get('k', '3.1'), undefined, 'the old version is gone');
  });

  it('a result without a version is never kept', () => {
    const pages = new RenderedPages();
    pages.render('k', undefined, { n: 1 });
    assert.equal(pages.get('k', undefined), undefined);
  });
});
