/**
 * A visitor as a browser is one, over real sockets with real cookies: the link's page, its form
 * posted with the page's CSRF token, the redirect to the visitor's page, the API with the
 * visitor cookie, and a write with the visitor's CSRF token.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Collection, CreatedShareLink, Gallery } from '@proofsheet/protocol';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { createCollection, createGallery } from '../../helpers/resources.js';
import { addPhoto, createShareLink, tokenOf } from '../../helpers/share-links.js';

/** A browser's cookie jar, good enough for one host: name → value, and each cookie's attributes. */
class Browser {
  readonly cookies = new Map<string, string>();
  readonly attributes = new Map<string, string>();

  constructor(private readonly base: string) {}

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** A navigation or form post as Chromium sends it from a page of this site. */
  async fetch(path: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const headers: Record<string, string> = {
      accept: 'text/html,application/xhtml+xml',
      'sec-fetch-site': 'same-origin',
      'sec-fetch-mode': 'navigate',
      cookie: this.header(),
    };
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers.origin = this.base;
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(new URL(path, this.base), {
      method: init.method ?? 'GET',
      headers,
      redirect: 'manual',
      ...(body !== undefined ? { body } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';').map((p) => p.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || attrs.some((a) => /^max-age=0$/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, value);
      this.attributes.set(name, attrs.join('; '));
    }
    return res;
  }

  /** A script's same-origin fetch to the API. */
  api(path: string, init: { method?: string; csrf?: string } = {}) {
    return fetch(new URL(path, this.base), {
      method: init.method ?? 'GET',
      headers: {
        cookie: this.header(),
        'sec-fetch-site': 'same-origin',
        ...(init.method && init.method !== 'GET' ? { origin: this.base } : {}),
        ...(init.csrf ? { 'x-csrf-token': init.csrf } : {}),
      },
    });
  }
}

function hiddenField(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  assert.ok(m?.[1], `the page has a ${name} field`);
  return m[1];
}

describe('a visitor in a browser, over sockets', () => {
  let h: Harness;
  let galleryUrl: string;
  let owner: Credentials;
  let wedding: Collection;
  let ceremony: Gallery;
  let open: CreatedShareLink;
  let guarded: CreatedShareLink;

  before(async () => {
    h = await createHarness();
    galleryUrl = (await h.listen()).galleryUrl;
    owner = await loginAs(h, 'owner', h.gallery);
    wedding = await createCollection(h, owner, { name: 'Reyes Wedding' });
    ceremony = await createGallery(h, owner, wedding.id, { name: 'Ceremony' });
    for (let i = 0; i < 3; i++) await addPhoto(h, ceremony);
    await createGallery(h, owner, wedding.id, { name: 'Culls', private: true });
    open = await createShareLink(h, owner, wedding.id, { downloads: 'web' });
    guarded = await createShareLink(h, owner, wedding.id, { password: 'first dance' });
  });
  after(() => h.close());

  test('the link asks for an email, enters, and lands on the visitor page', async () => {
    const browser = new Browser(galleryUrl);
    const page = await browser.fetch(`/s/${tokenOf(open)}`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const html = await page.text();
    assert.match(html, /Reyes Wedding/);
    assert.match(html, /name="email"/);
    assert.doesNotMatch(html, /name="password"/, 'this link has no password');

    const entered = await browser.fetch(`/s/${tokenOf(open)}`, {
      method: 'POST',
      form: { email: 'grandma@example.com', _csrf: hiddenField(html, '_csrf') },
    });
    assert.equal(entered.status, 303);
    assert.equal(entered.headers.get('location'), '/visit');
    const attrs = browser.attributes.get('visitor_session') ?? '';
    assert.ok(browser.cookies.get('visitor_session'), 'the visitor cookie is set');
    assert.match(attrs, /HttpOnly/i);
    assert.match(attrs, /SameSite=Lax/i);
    assert.doesNotMatch(attrs, /Secure/i, 'plain HTTP: not Secure (HTTPS is tested below)');

    const visit = await browser.fetch('/visit');
    assert.equal(visit.status, 200);
    const visitHtml = await visit.text();
    assert.match(visitHtml, /Ceremony/);
    assert.match(visitHtml, /3 photos/);
    assert.doesNotMatch(visitHtml, /Culls/, 'no private gallery');
    assert.match(visitHtml, /grandma@example\.com/);

    const collection = await browser.api(`/api/v1/collections/${wedding.id}`);
    assert.equal(collection.status, 200);
    const galleries = await browser.api(`/api/v1/collections/${wedding.id}/galleries`);
    assert.deepEqual(
      ((await galleries.json()) as { data: Gallery[] }).data.map((g) => g.name),
      ['Ceremony'],
    );

    // A write needs the visitor's CSRF token: the API reads it again for the page's scripts.
    const csrf = await browser.api('/api/v1/csrf-token');
    assert.equal(csrf.status, 200);
    const token = ((await csrf.json()) as { data: { csrf_token: string } }).data.csrf_token;
    const refused = await browser.api(`/api/v1/galleries/${ceremony.id}/favorite`, {
      method: 'POST',
    });
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { code: string }).code, 'csrf_mismatch');
    const favorited = await browser.api(`/api/v1/galleries/${ceremony.id}/favorite`, {
      method: 'POST',
      csrf: token,
    });
    assert.equal(favorited.status, 200);
    assert.equal(((await favorited.json()) as { data: Gallery }).data.favorite_count, 1);

    // Opening the link again goes straight to the visitor's page.
    const again = await browser.fetch(`/s/${tokenOf(open)}`);
    assert.equal(again.status, 303);
    assert.equal(again.headers.get('location'), '/visit');
  });

  test('a form posted without the page’s CSRF token, or from another site, enters no one', async () => {
    const browser = new Browser(galleryUrl);
    await browser.fetch(`/s/${tokenOf(open)}`);
    const forged = await browser.fetch(`/s/${tokenOf(open)}`, {
      method: 'POST',
      form: { email: 'mallory@example.com', _csrf: 'not-the-token' },
    });
    assert.equal(forged.status, 403);
    assert.equal(browser.cookies.has('visitor_session'), false);
    const crossSite = await fetch(new URL(`/s/${tokenOf(open)}`, galleryUrl), {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      },
      body: 'email=mallory%40example.com',
    });
    assert.equal(crossSite.status, 403);
  });

  test('a link with a password asks for it; a wrong one is refused with the form again', async () => {
    const browser = new Browser(galleryUrl);
    const page = await browser.fetch(`/s/${tokenOf(guarded)}`);
    const html = await page.text();
    assert.match(html, /name="password"/);
    const csrf = hiddenField(html, '_csrf');
    const wrong = await browser.fetch(`/s/${tokenOf(guarded)}`, {
      method: 'POST',
      form: { email: 'aunt@example.com', password: 'last dance', _csrf: csrf },
    });
    assert.equal(wrong.status, 401);
    const wrongHtml = await wrong.text();
    assert.match(wrongHtml, /role="alert"/);
    assert.match(wrongHtml, /value="aunt@example.com"/, 'the email is kept');
    assert.equal(browser.cookies.has('visitor_session'), false);
    const right = await browser.fetch(`/s/${tokenOf(guarded)}`, {
      method: 'POST',
      form: { email: 'aunt@example.com', password: 'first dance', _csrf: csrf },
    });
    assert.equal(right.status, 303);
    assert.ok(browser.cookies.has('visitor_session'));
  });

  test('an unknown token shows a page that says the link does not work', async () => {
    const browser = new Browser(galleryUrl);
    const res = await browser.fetch(`/s/${'x'.repeat(43)}`);
    assert.equal(res.status, 404);
    assert.match(await res.text(), /does not work/);
    const visit = await browser.fetch('/visit');
    assert.match(await visit.text(), /Your visit has ended/, 'no visitor cookie, no galleries');
  });
});

describe('a visitor cookie over HTTPS', () => {
  let h: Harness;

  before(async () => {
    h = await createHarness({ publicGalleryUrl: 'https://gallery.example.com' });
  });
  after(() => h.close());

  test('is __Host- prefixed, Secure, HttpOnly and SameSite=Lax', async () => {
    const owner = await loginAs(h, 'owner', h.gallery);
    const collection = await createCollection(h, owner, { name: 'Secure' });
    const link = await createShareLink(h, owner, collection.id);
    const res = await h.gallery.inject({
      method: 'POST',
      url: `/s/${tokenOf(link)}`,
      payload: { email: 'grandma@example.com' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const cookies = res.cookies as Array<{
      name: string;
      secure?: boolean;
      httpOnly?: boolean;
      sameSite?: string;
      path?: string;
    }>;
    const visitor = cookies.find((c) => c.name === '__Host-visitor_session');
    assert.ok(visitor, JSON.stringify(cookies));
    assert.equal(visitor.secure, true);
    assert.equal(visitor.httpOnly, true);
    assert.equal(visitor.sameSite, 'Lax');
    assert.equal(visitor.path, '/');
  });
});
