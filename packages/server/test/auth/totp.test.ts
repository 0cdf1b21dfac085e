import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { newRecoveryCodes, recoveryCodeHash } from '../../src/auth/two-factor/recovery-codes.js';
import { SecretBox } from '../../src/auth/two-factor/secret-box.js';
import { serverSecretKey } from '../../src/auth/two-factor/server-key.js';
import {
  base32Of,
  matchTotp,
  otpauthUrl,
  totpCode,
  totpStep,
} from '../../src/auth/two-factor/totp.js';
import { systemRandom } from '../../src/deps.js';

// RFC 6238, Appendix B: the seeds are ASCII digits, 20, 32 and 64 bytes long.
const SEEDS = {
  SHA1: Buffer.from('12345678901234567890'),
  SHA256: Buffer.from('12345678901234567890123456789012'),
  SHA512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
} as const;
const VECTORS: [number, Record<keyof typeof SEEDS, string>][] = [
  [59, { SHA1: '94287082', SHA256: '46119246', SHA512: '90693936' }],
  [1111111109, { SHA1: '07081804', SHA256: '68084774', SHA512: '25091201' }],
  [1111111111, { SHA1: '14050471', SHA256: '67062674', SHA512: '99943326' }],
  [1234567890, { SHA1: '89005924', SHA256: '91819424', SHA512: '93441116' }],
  [2000000000, { SHA1: '69279037', SHA256: '90698825', SHA512: '38618901' }],
  [20000000000, { SHA1: '65353130', SHA256: '77737706', SHA512: '47863826' }],
];

describe('TOTP (RFC 6238)', () => {
  for (const [seconds, codes] of VECTORS) {
    for (const algorithm of ['SHA1', 'SHA256', 'SHA512'] as const) {
      test(`T = ${seconds} s, ${algorithm}: ${codes[algorithm]}`, () => {
        assert.equal(
          totpCode(SEEDS[algorithm], seconds * 1000, { algorithm, digits: 8 }),
          codes[algorithm],
        );
      });
    }
  }

  test("the app's six digits are the last six of the RFC's eight", () => {
    assert.equal(totpCode(SEEDS.SHA1, 1111111109_000), '081804');
  });

  test('a code matches its own step, and one step either side of now, no further', () => {
    const secret = SEEDS.SHA1;
    const now = 1_800_000_000_000;
    const step = totpStep(now);
    const codeAt = (s: number) => totpCode(secret, s * 30_000);
    assert.equal(matchTotp(secret, codeAt(step), now), step);
    assert.equal(matchTotp(secret, codeAt(step - 1), now), step - 1);
    assert.equal(matchTotp(secret, codeAt(step + 1), now), step + 1);
    assert.equal(matchTotp(secret, codeAt(step - 2), now), null);
    assert.equal(matchTotp(secret, codeAt(step + 2), now), null);
  });

  test('spaces are ignored; anything not six digits never matches', () => {
    const now = 1_800_000_000_000;
    const code = totpCode(SEEDS.SHA1, now);
    assert.equal(matchTotp(SEEDS.SHA1, `${code.slice(0, 3)} ${code.slice(3)}`, now), totpStep(now));
    for (const bad of ['', '12345', '1234567', 'abcdef', `${code}0`, code.replace(/./, 'x')]) {
      assert.equal(matchTotp(SEEDS.SHA1, bad, now), null, bad);
    }
  });

  test('the otpauth URL carries issuer, account and the base32 secret', () => {
    const url = new URL(otpauthUrl(SEEDS.SHA1, 'Test Studio', 'owner@example.com'));
    assert.equal(url.protocol, 'otpauth:');
    assert.equal(url.searchParams.get('secret'), base32Of(SEEDS.SHA1));
    assert.equal(url.searchParams.get('issuer'), 'Test Studio');
    assert.equal(url.searchParams.get('digits'), '6');
    assert.equal(url.searchParams.get('period'), '30');
    assert.match(decodeURIComponent(url.pathname), /owner@example\.com/);
    assert.equal(base32Of(SEEDS.SHA1), 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });
});

describe('SecretBox', () => {
  const box = new SecretBox(() => 'a server key of at least thirty-two characters', systemRandom);

  test('opens what it sealed, for the same owner only', () => {
    const sealed = box.seal(SEEDS.SHA1, 'us_a');
    assert.ok(!sealed.includes(SEEDS.SHA1.toString('base64url')));
    assert.deepEqual(box.open(sealed, 'us_a'), SEEDS.SHA1);
    assert.equal(box.open(sealed, 'us_b'), null);
  });

  test('refuses another key, and any change to the sealed text', () => {
    const sealed = box.seal(SEEDS.SHA1, 'us_a');
    const other = new SecretBox(
      () => 'another server key, also thirty-two characters',
      systemRandom,
    );
    assert.equal(other.open(sealed, 'us_a'), null);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[2] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[2] = body.toString('base64url');
    assert.equal(box.open(parts.join('.'), 'us_a'), null);
    assert.equal(box.open('v2.x.y.z', 'us_a'), null);
    assert.equal(box.open('not sealed', 'us_a'), null);
  });

  test('two seals of one secret differ (a fresh IV each time)', () => {
    assert.notEqual(box.seal(SEEDS.SHA1, 'us_a'), box.seal(SEEDS.SHA1, 'us_a'));
  });
});

describe('recovery codes', () => {
  test('ten distinct codes of ten unambiguous characters', () => {
    const codes = newRecoveryCodes(systemRandom);
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    for (const code of codes) assert.match(code, /^[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}$/);
  });

  test('the hash ignores case, spaces and dashes, and nothing else', () => {
    const h = recoveryCodeHash('k7p2m-x9d4q');
    assert.equal(recoveryCodeHash('K7P2M X9D4Q'), h);
    assert.equal(recoveryCodeHash('k7p2mx9d4q'), h);
    assert.notEqual(recoveryCodeHash('k7p2m-x9d4r'), h);
  });
});

describe('the server key', () => {
  test('PROOFSHEET_SECRET_KEY wins; else one key file, private, made once and read after', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'proofsheet-key-')), 'data');
    try {
      assert.equal(
        serverSecretKey({ secretKey: 'k'.repeat(32), dataDir: dir }, systemRandom),
        'k'.repeat(32),
      );
      assert.equal(existsSync(dir), false, 'no file when the key is configured');
      const first = serverSecretKey({ secretKey: null, dataDir: dir }, systemRandom);
      assert.match(first, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(statSync(join(dir, 'secret.key')).mode & 0o777, 0o600);
      assert.equal(serverSecretKey({ secretKey: null, dataDir: dir }, systemRandom), first);
      const box = new SecretBox(() => first, systemRandom);
      const again = new SecretBox(
        () => serverSecretKey({ secretKey: null, dataDir: dir }, systemRandom),
        systemRandom,
      );
      assert.deepEqual(again.open(box.seal(SEEDS.SHA1, 'us_a'), 'us_a'), SEEDS.SHA1);
    } finally {
      rmSync(join(dir, '..'), { recursive: true, force: true });
    }
  });
});
