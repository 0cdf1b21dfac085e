import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPageWindow, pageLinks, pageMeta, pageWindow } from '../src/index.js';

const byPage = (offset: number, limit: number) => ({ offset, limit, byOffset: false });

describe('the window a list query asks for', () => {
  it('takes page with per_page or any alias of it, defaulting to 25', () => {
    assert.deepEqual(pageWindow({}), byPage(0, 25));
    assert.deepEqual(pageWindow({ page: 3, per_page: 10 }), byPage(20, 10));
    assert.deepEqual(pageWindow({ page: 3, page_size: 10 }), byPage(20, 10));
    assert.deepEqual(pageWindow({ page: 2, pageSize: 50 }), byPage(50, 50));
    assert.deepEqual(pageWindow({ page: 2, limit: 5 }), byPage(5, 5));
    assert.deepEqual(
      pageWindow({ per_page: 10, page_size: 10 }),
      byPage(0, 10),
      'agreeing aliases',
    );
  });

  it('takes offset with limit, the Gallery style', () => {
    assert.deepEqual(pageWindow({ limit: 30, offset: 60 }), {
      offset: 60,
      limit: 30,
      byOffset: true,
    });
    assert.deepEqual(pageWindow({ offset: 7 }), { offset: 7, limit: 25, byOffset: true });
  });

  it('names the parameters that contradict', () => {
    const sizes = pageWindow({ per_page: 10, page_size: 20 });
    assert.equal(isPageWindow(sizes), false);
    assert.deepEqual(Object.keys(sizes).sort(), ['page_size', 'per_page']);
    assert.deepEqual(pageWindow({ page: 2, offset: 10 }), {
      offset: ['give page or offset, not both'],
    });
  });
});

describe('pagination meta', () => {
  const links = pageLinks('/x', '', byPage(50, 50), 234);

  it('matches the reference example, with total_pages and links', () => {
    assert.deepEqual(pageMeta(byPage(50, 50), 234, 50, links), {
      current_page: 2,
      from: 51,
      last_page: 5,
      per_page: 50,
      to: 100,
      total: 234,
      total_pages: 5,
      links,
    });
  });

  it('the last page is partial; a page past the end and an empty list have null from and to', () => {
    const last = pageMeta(byPage(200, 50), 234, 34, links);
    assert.equal(last.to, 234);
    const past = pageMeta(byPage(400, 50), 234, 0, links);
    assert.deepEqual([past.current_page, past.from, past.to], [9, null, null]);
    const empty = pageMeta(byPage(0, 25), 0, 0, links);
    assert.deepEqual([empty.last_page, empty.total_pages, empty.from], [1, 1, null]);
  });

  it('links keep the other parameters and follow the style of the request', () => {
    assert.deepEqual(
      pageLinks('/api/v1/clients/', 'types=lead&page=2&per_page=25', byPage(25, 25), 60),
      {
        first: '/api/v1/clients/?types=lead&per_page=25&page=1',
        prev: '/api/v1/clients/?types=lead&per_page=25&page=1',
        next: '/api/v1/clients/?types=lead&per_page=25&page=3',
        last: '/api/v1/clients/?types=lead&per_page=25&page=3',
      },
    );
    const offset = { offset: 10, limit: 30, byOffset: true };
    assert.deepEqual(pageLinks('/api/v1/collections', 'limit=30&offset=10', offset, 45), {
      first: '/api/v1/collections?limit=30&offset=0',
      prev: '/api/v1/collections?limit=30&offset=0',
      next: '/api/v1/collections?limit=30&offset=40',
      last: '/api/v1/collections?limit=30&offset=30',
    });
    const only = pageLinks('/a', '', byPage(0, 25), 3);
    assert.equal(only.prev, null);
    assert.equal(only.next, null);
  });
});
