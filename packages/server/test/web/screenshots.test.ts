import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  browserSkip,
  SCREENSHOT_DIR,
  submitLogin,
  type WebHarness,
  webHarness,
} from '../helpers/browser.js';
import { clientRecord } from '../helpers/resources.js';

const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 375, height: 812 },
] as const;

const PEOPLE = [
  ['Ada', 'Lovelace', 'Analytical Engines Ltd', 'client'],
  ['Grace', 'Hopper', 'US Navy', 'lead'],
  ['Katherine', 'Johnson', 'NASA', 'client'],
  ['Alan', 'Turing', null, 'other'],
  ['Margaret', 'Hamilton', 'MIT', 'lead'],
] as const;

describe('screenshots for reviewers', { skip: browserSkip }, () => {
  let h: WebHarness;
  before(async () => {
    h = await webHarness();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    for (const [first, last, company, type] of PEOPLE) {
      await h.storage.clients.create(
        clientRecord(h, {
          email: `${first.toLowerCase()}.${last.toLowerCase()}@example.com`,
          firstName: first,
          lastName: last,
          company,
          type,
        }),
      );
    }
  });
  after(() => h?.close());

  for (const size of SIZES) {
    it(`saves the login and clients pages at ${size.width}x${size.height}`, async () => {
      const context = await h.newContext(size);
      const page = await context.newPage();
      await page.goto(`${h.studioUrl}/login`);
      await page.getByLabel('Email').fill(h.users.owner.email);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `login-${size.name}.png`) });
      await submitLogin(page, h.users.owner.email);
      await page.locator('#client-rows tr[data-id]').first().waitFor();
      assert.equal(await page.locator('#client-rows tr[data-id]').count(), PEOPLE.length);
      // Nothing may overflow sideways, at any width.
      const overflow = await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      assert.equal(overflow, 0);
      await page.screenshot({
        path: join(SCREENSHOT_DIR, `clients-${size.name}.png`),
        fullPage: true,
      });
      await context.close();
    });
  }
});
