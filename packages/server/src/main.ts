#!/usr/bin/env node
/**
 * The server's entry point: the only module that reads the environment, opens files, listens
 * and handles signals. `proofsheet-server [start|migrate|create-user|create-studio|outbox|reconcile|--help]`.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { buildApp, createServices } from './app.js';
import { startPasswordResetWorkers } from './auth/password-reset/reset-job.js';
import { startSignUpWorkers } from './auth/sign-up/sign-up-job.js';
import { createStudioCommand } from './commands/create-studio.js';
import { createUserCommand } from './commands/create-user.js';
import { ensureDemoData } from './commands/demo/ensure-demo-data.js';
import { outboxCommand } from './commands/outbox.js';
import { type Config, ConfigError, helpText, parseConfig } from './config/config.js';
import { systemClock, systemRandom } from './deps.js';
import { byteSize } from './gallery/photos/byte-size.js';
import { type ReconcileReport, reconcile } from './gallery/photos/reconcile.js';
import { startPhotoWorkers } from './gallery/photos/worker.js';
import { startHousekeeping } from './housekeeping/housekeeping.js';
import { createMailer } from './mail/create-mailer.js';
import { startMailWorkers } from './mail/mail-worker.js';
import { createStorage, migrateDatabase } from './storage/create-storage.js';
import { isUniqueViolation } from './storage/sql/errors.js';

function loadConfig(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n\nRun with --help to list every variable.\n`);
      process.exit(2);
    }
    throw error;
  }
}

function baseUrl(config: Config, port: number, publicUrl: string | null): string {
  if (publicUrl) return publicUrl;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `${config.tls ? 'https' : 'http'}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
}

async function start(config: Config): Promise<void> {
  const logger = pino({
    level: config.logLevel,
    // Secrets never reach a log line, even if a future serializer adds headers.
    redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
  });
  const { storage, description } = await createStorage(config, {
    // ioredis reconnects and pg replaces lost connections by themselves: a warning is enough.
    onDependencyError: (dependency, error) =>
      logger.warn({ dependency, err: error }, `${dependency} connection error`),
    // A poll that failed is tried again at the next one.
    onJobError: (error) => logger.warn({ err: error }, 'job queue error'),
  });
  // Instances starting at once on an empty database race to seed it; the loser finds the
  // demo account taken and starts without printing credentials.
  const demo = await ensureDemoData(storage, config).catch((error: unknown) => {
    if (isUniqueViolation(error)) return null;
    throw error;
  });
  const mail = createMailer(config);
  const https = config.tls
    ? { key: readFileSync(config.tls.keyFile), cert: readFileSync(config.tls.certFile) }
    : null;
  const deps = { config, storage, clock: systemClock, random: systemRandom };
  const services = createServices(deps);
  const apps = await Promise.all(
    (['studio', 'gallery'] as const).map((api) =>
      buildApp({
        ...deps,
        api,
        services,
        logger: logger.child({ api }),
        ...(https ? { https } : {}),
      }),
    ),
  );
  const [studio, gallery] = apps as [(typeof apps)[0], (typeof apps)[0]];
  await studio.listen({ host: config.host, port: config.studioPort });
  await gallery.listen({ host: config.host, port: config.galleryPort });
  const studioPort = (studio.server.address() as { port: number }).port;
  const galleryPort = (gallery.server.address() as { port: number }).port;

  const lines = [
    '',
    'Proofsheet is running.',
    `  Studio API:  ${baseUrl(config, studioPort, config.publicStudioUrl)}  (login: /login, API: /api/v1/…)`,
    `  Gallery API: ${baseUrl(config, galleryPort, config.publicGalleryUrl)}`,
    `  Storage:     ${description}`,
    `  Email:       ${mail.description}`,
  ];
  if (demo) {
    lines.push(
      '',
      'Demo accounts (created now, on an empty database):',
      ...demo.accounts.map((a) => `  ${a.role.padEnd(15)} ${a.email}`),
      `  password        ${demo.password}${demo.generated ? '   (random; set PROOFSHEET_DEMO_PASSWORD to choose it)' : ''}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  if (config.photoWorkers > 0) {
    await startPhotoWorkers(
      { storage, clock: systemClock },
      {
        concurrency: config.photoWorkers,
        threads: config.photoThreads,
        onError: (error, photoId) =>
          logger.warn({ err: error, photoId }, 'photo processing failed'),
      },
    );
  }
  if (config.mailWorkers > 0) {
    const workers = { storage, config, clock: systemClock, random: systemRandom };
    await startPasswordResetWorkers(workers, { concurrency: config.mailWorkers });
    await startSignUpWorkers(workers, { concurrency: config.mailWorkers });
    await startMailWorkers(workers, mail.mailer, {
      concurrency: config.mailWorkers,
      onError: (error, messageId) =>
        logger.warn({ err: error, messageId }, 'email not sent (tried again later)'),
    });
  }
  // In the background: requests are served meanwhile, and a crash before it ends loses nothing
  // (the next start-up runs it again).
  reconcile({ storage, clock: systemClock, config }).then(
    (report) => logger.info({ reconcile: report }, 'reconciled blobs and photos'),
    (error: unknown) => logger.warn({ err: error }, 'reconciliation failed'),
  );

  const stopHousekeeping = startHousekeeping(
    { storage, clock: systemClock, config },
    {
      intervalMs: config.housekeepingIntervalMs,
      onReport: (report) => logger.info({ housekeeping: report }, 'housekeeping pass'),
      onError: (error) => logger.warn({ err: error }, 'housekeeping failed'),
    },
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    stopHousekeeping();
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    // close() stops accepting, waits for requests in flight, then the pools close.
    await Promise.allSettled(apps.map((app) => app.close()));
    // Failed sign-ins are written beside their requests: let the last ones land.
    await services.audit.flush();
    await storage.close();
    await mail.mailer.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** What a reconciliation pass did, as the `reconcile` command prints it. */
function reconcileLines(report: ReconcileReport, config: Config): string[] {
  return [
    `  blobs deleted (no photo refers to them): ${report.blobsDeleted} (${byteSize(report.bytesFreed)})`,
    `  unfinished uploads deleted:              ${report.unfinishedDeleted}`,
    `  unreferenced blobs younger than ${Math.round(config.orphanGraceMs / 1000)} s, kept: ${report.blobsTooYoung}`,
    `  photos still processing:                 ${report.processing} (${report.requeued} queued again)`,
  ];
}

async function reconcileCommand(config: Config): Promise<void> {
  const { storage, description } = await createStorage(config);
  try {
    const report = await reconcile({ storage, clock: systemClock, config });
    process.stdout.write(
      `Reconciled ${description}:\n${reconcileLines(report, config).join('\n')}\n`,
    );
  } finally {
    await storage.close();
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: {
      help: { type: 'boolean', short: 'h' },
      email: { type: 'string' },
      role: { type: 'string' },
      'first-name': { type: 'string' },
      'last-name': { type: 'string' },
      name: { type: 'string' },
      to: { type: 'string' },
      limit: { type: 'string' },
    },
    allowPositionals: true,
  });
  const command = positionals[0] ?? 'start';
  if (values.help || command === 'help') {
    process.stdout.write(`${helpText()}\n`);
    return;
  }
  const config = loadConfig();
  switch (command) {
    case 'start':
      return start(config);
    case 'migrate': {
      const description = await migrateDatabase(config);
      process.stdout.write(`Migrations applied to ${description}\n`);
      return;
    }
    case 'reconcile':
      return reconcileCommand(config);
    case 'create-user':
      process.exitCode = await createUserCommand(config, {
        email: values.email,
        role: values.role,
        firstName: values['first-name'],
        lastName: values['last-name'],
      });
      return;
    case 'create-studio':
      process.exitCode = await createStudioCommand(
        config,
        {
          name: values.name,
          email: values.email,
          firstName: values['first-name'],
          lastName: values['last-name'],
        },
        baseUrl(config, config.studioPort, config.publicStudioUrl),
      );
      return;
    case 'outbox':
      process.exitCode = await outboxCommand(config, { to: values.to, limit: values.limit });
      return;
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${helpText()}\n`);
      process.exitCode = 2;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `proofsheet-server: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
