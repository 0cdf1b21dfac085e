import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  attachmentHeader,
  safeSegment,
  sizedName,
  UniqueNames,
} from '../../../src/gallery/downloads/file-names.js';

describe('names in downloads', () => {
  test('a segment keeps what file systems take and replaces what they refuse', () => {
    assert.equal(safeSegment('DSC_0412.jpg', 'x'), 'DSC_0412.jpg');
    assert.equal(safeSegment('Smith: Ceremony?', 'x'), 'Smith_ Ceremony_');
    assert.equal(safeSegment('a/b\\c*d"e<f>g|h', 'x'), 'a_b_c_d_e_f_g_h');
    assert.equal(safeSegment('tab\there\u0000nul\u202eflip', 'x'), 'tab_here_nul_flip');
    assert.equal(safeSegment('  trailing dots... ', 'x'), 'trailing dots');
    for (const nothing of ['', '   ', '.', '..', '...']) {
      assert.equal(safeSegment(nothing, 'photo-1'), 'photo-1', JSON.stringify(nothing));
    }
    assert.equal(
      safeSegment('Café Ω 写真.jpg', 'x'),
      'Café Ω 写真.jpg',
      'letters of any script stay',
    );
  });

  test('a long name is cut to 180 characters, keeping its extension', () => {
    const long = `${'写'.repeat(300)}.jpeg`;
    const cut = safeSegment(long, 'x');
    assert.equal([...cut].length, 180);
    assert.ok(cut.endsWith('.jpeg'));
  });

  test('smaller sizes are JPEGs named after the original', () => {
    assert.equal(sizedName('scan.TIFF', 'web'), 'scan.jpg');
    assert.equal(sizedName('scan.tiff', 'original'), 'scan.tiff');
    assert.equal(sizedName('no-extension', 'high'), 'no-extension.jpg');
    assert.equal(sizedName('.hidden', 'high'), '.hidden.jpg');
  });

  test('names in one folder are made unique without regard to case', () => {
    const names = new UniqueNames();
    assert.deepEqual(
      ['IMG_1.jpg', 'IMG_1.jpg', 'img_1.JPG', 'IMG_1 (2).jpg', 'README', 'readme'].map((n) =>
        names.take(n),
      ),
      ['IMG_1.jpg', 'IMG_1 (2).jpg', 'img_1 (3).JPG', 'IMG_1 (2) (2).jpg', 'README', 'readme (2)'],
    );
  });

  test('Content-Disposition has the UTF-8 name and an ASCII stand-in', () => {
    assert.equal(
      attachmentHeader("Mia's (1) 100%.jpg"),
      `attachment; filename="Mia's (1) 100_.jpg"; filename*=UTF-8''Mia%27s%20%281%29%20100%25.jpg`,
    );
    assert.equal(
      attachmentHeader('Hochzeit "Süd".zip'),
      `attachment; filename="Hochzeit _S_d_.zip"; filename*=UTF-8''Hochzeit%20%22S%C3%BCd%22.zip`,
    );
  });
});
