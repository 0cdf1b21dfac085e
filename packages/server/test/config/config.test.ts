import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, helpText, parseConfig } from '../../src/config/config.js';
import { parseDuration } from '../../src/config/duration.js';
import { VARIABLES } from '../../src/config/variables.js';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const config = parseConfig({});
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.studioPort, 3000);
    assert.equal(config.galleryPort, 3001);
    assert.equal(config.dataDir, './data');
    assert.equal(config.sessionIdleMs, 30 * 60_000);
    assert.equal(config.sessionLifetimeMs, 12 * 3_600_000);
    assert.equal(config.authTokenLifetimeMs, 30 * 86_400_000);
    assert.ok(Object.isFrozen(config));
  });

  it('reads the script-facing names', () => {
    const config = parseConfig({
      PROOFSHEET_HOST: '0.0.0.0',
      PROOFSHEET_STUDIO_PORT: '8080',
      PROOFSHEET_GALLERY_PORT: '8081',
      PROOFSHEET_DATA_DIR: '/srv/proofsheet',
      PROOFSHEET_DEMO_PASSWORD: 'demo-password',
      PROOFSHEET_SESSION_IDLE_TIMEOUT: '15m',
    });
    assert.equal(config.studioPort, 8080);
    assert.equal(config.galleryPort, 8081);
    assert.equal(config.dataDir, '/srv/proofsheet');
    assert.equal(config.demoPassword, 'demo-password');
    assert.equal(config.sessionIdleMs, 15 * 60_000);
  });

  it('reports every problem at once, each saying how to fix it', () => {
    assert.throws(
      () =>
        parseConfig({
          PROOFSHEET_STUDIO_PORT: 'eighty',
          DATABASE_URL: 'mysql://user:secret@db/x',
          PROOFSHEET_CORS_ORIGINS: '*',
          PROOFSHEET_SESSION_IDLE_TIMEOUT: 'soon',
          PROOFSHEET_TLS_CERT: 'cert.pem',
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 5);
        assert.match(
          error.message,
          /PROOFSHEET_STUDIO_PORT must be a whole number from 0 to 65535 \(got "eighty"\)/,
        );
        assert.match(error.message, /DATABASE_URL must start with postgres:\/\//);
        assert.doesNotMatch(error.message, /secret/, 'credentials in URLs are not echoed');
        assert.match(error.message, /"\*" is refused/);
        assert.match(error.message, /PROOFSHEET_SESSION_IDLE_TIMEOUT must be a duration/);
        assert.match(
          error.message,
          /PROOFSHEET_TLS_CERT and PROOFSHEET_TLS_KEY must be set together/,
        );
        return true;
      },
    );
  });

  it('keeps audit events a year by default, in days, and at least a day', () => {
    assert.equal(parseConfig({}).auditRetentionMs, 365 * 86_400_000);
    assert.equal(
      parseConfig({ PROOFSHEET_AUDIT_RETENTION: '90d' }).auditRetentionMs,
      90 * 86_400_000,
    );
    assert.throws(
      () => parseConfig({ PROOFSHEET_AUDIT_RETENTION: '1h' }),
      /PROOFSHEET_AUDIT_RETENTION must be a duration such as 30m, 12h or 30d, at least 1d \(got "1h"\)/,
    );
  });

  it("takes passkeys' RP ID and origins from the API by default, and checks them when given", () => {
    const defaults = parseConfig({});
    assert.equal(defaults.webauthnRpId, null);
    assert.deepEqual(defaults.webauthnOrigins, []);
    const given = parseConfig({
      PROOFSHEET_WEBAUTHN_RP_ID: 'example.com',
      PROOFSHEET_WEBAUTHN_ORIGINS: 'https://studio.example.com, https://gallery.example.com',
    });
    assert.equal(given.webauthnRpId, 'example.com');
    assert.deepEqual(given.webauthnOrigins, [
      'https://studio.example.com',
      'https://gallery.example.com',
    ]);
    assert.throws(
      () =>
        parseConfig({
          PROOFSHEET_WEBAUTHN_RP_ID: 'https://example.com:443',
          PROOFSHEET_WEBAUTHN_ORIGINS: 'studio.example.com',
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /PROOFSHEET_WEBAUTHN_RP_ID must be a lower-case domain/);
        assert.match(error.message, /PROOFSHEET_WEBAUTHN_ORIGINS entries must be origins/);
        return true;
      },
    );
  });

  it('parses durations', () => {
    assert.equal(parseDuration('30m'), 1_800_000);
    assert.equal(parseDuration('90'), 90_000);
    assert.equal(parseDuration('1500ms'), 1500);
    assert.equal(parseDuration('2 weeks'), null);
  });

  it('--help lists every variable', () => {
    const help = helpText();
    for (const v of VARIABLES) assert.ok(help.includes(v.name), v.name);
  });
  it('keeps photo blobs in S3 only with bucket and credentials together', () => {
    assert.equal(parseConfig({}).s3, null);
    const config = parseConfig({
      PROOFSHEET_S3_BUCKET: 'photos',
      PROOFSHEET_S3_ACCESS_KEY_ID: 'AKIA',
      PROOFSHEET_S3_SECRET_ACCESS_KEY: 'shh-secret',
      PROOFSHEET_S3_ENDPOINT: 'http://minio:9000/',
      PROOFSHEET_S3_FORCE_PATH_STYLE: 'true',
    });
    assert.deepEqual(config.s3, {
      endpoint: 'http://minio:9000',
      bucket: 'photos',
      region: 'us-east-1',
      accessKeyId: 'AKIA',
      secretAccessKey: 'shh-secret',
      forcePathStyle: true,
    });
    assert.throws(
      () =>
        parseConfig({
          PROOFSHEET_S3_BUCKET: 'photos',
          PROOFSHEET_S3_SECRET_ACCESS_KEY: 'shh-secret',
          PROOFSHEET_S3_FORCE_PATH_STYLE: 'maybe',
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 2);
        assert.match(
          error.message,
          /must be set together .*missing: PROOFSHEET_S3_ACCESS_KEY_ID\)/,
        );
        assert.match(error.message, /PROOFSHEET_S3_FORCE_PATH_STYLE must be true or false/);
        assert.doesNotMatch(error.message, /shh-secret/);
        return true;
      },
    );
  });
});
