import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  chosenSize,
  type DownloadSettings,
  downloadCapability,
  downloadPolicy,
  itemSize,
} from '../../../src/gallery/downloads/policy.js';
import { AppError } from '../../../src/http/app-error.js';

const open: DownloadSettings = {
  downloadable: true,
  downloadSizes: ['original', 'high', 'web'],
  downloadPinHash: null,
};
const studio = downloadCapability({ userId: 'us_owner', accountId: 'ac_1' });
const client = downloadCapability({
  userId: 'us_client',
  accountId: 'ac_1',
  visibleTo: { userId: 'us_client', today: '2026-01-15' },
});

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof AppError);
    return `${error.statusCode} ${error.code}`;
  }
  return 'allowed';
}

describe('the download policy', () => {
  test('the studio may download every size of anything, and never needs the PIN', () => {
    const closed: DownloadSettings = {
      downloadable: false,
      downloadSizes: [],
      downloadPinHash: 'h',
    };
    const policy = downloadPolicy(studio, closed, { download: false });
    assert.deepEqual(policy, {
      allowed: true,
      reason: null,
      sizes: ['original', 'high', 'web'],
      pinRequired: false,
    });
  });

  test('a client gets the sizes offered, largest first, and needs the PIN when there is one', () => {
    const policy = downloadPolicy(client, {
      downloadable: true,
      downloadSizes: ['web', 'high'],
      downloadPinHash: '$argon2id$…',
    });
    assert.deepEqual(policy.sizes, ['high', 'web']);
    assert.equal(policy.pinRequired, true);
    assert.equal(chosenSize(policy, undefined), 'high');
    assert.equal(chosenSize(policy, 'web'), 'web');
    assert.equal(
      refusal(() => chosenSize(policy, 'original')),
      '403 download_not_allowed',
    );
  });

  test("the collection's downloadable and the gallery's download flags each refuse a client", () => {
    const notCollection = downloadPolicy(client, { ...open, downloadable: false });
    assert.equal(notCollection.allowed, false);
    assert.equal(notCollection.reason, 'This collection is not downloadable');
    const notGallery = downloadPolicy(client, open, { download: false });
    assert.equal(notGallery.reason, 'This gallery is not downloadable');
    const noSizes = downloadPolicy(client, { ...open, downloadSizes: [] });
    assert.equal(noSizes.reason, 'This collection offers no size for download');
    for (const policy of [notCollection, notGallery, noSizes]) {
      assert.deepEqual(policy.sizes, []);
      assert.equal(
        refusal(() => chosenSize(policy, undefined)),
        '403 download_not_allowed',
      );
    }
    assert.equal(downloadPolicy(client, open, { download: true }).allowed, true);
  });

  test('a capability that does not permit downloads refuses whatever the settings', () => {
    const policy = downloadPolicy({ unrestricted: false, permitted: false }, open);
    assert.equal(policy.allowed, false);
    assert.equal(policy.reason, 'Downloads are not allowed for this visit');
  });

  test('a video goes as its original when originals are offered, and not at all otherwise', () => {
    const all = downloadPolicy(client, open);
    assert.equal(itemSize(all, 'video', 'web'), 'original');
    assert.equal(itemSize(all, 'photo', 'web'), 'web');
    const webOnly = downloadPolicy(client, { ...open, downloadSizes: ['web'] });
    assert.equal(itemSize(webOnly, 'video', 'web'), null);
  });
});
