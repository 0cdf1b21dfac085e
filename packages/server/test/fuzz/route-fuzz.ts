/**
 * The fuzz run over one store: every route of both APIs, for every role, with the invariants
 * checked after each request. Seeded, so that a failure replays exactly.
 */
import { UNSAFE_METHODS } from '@proofsheet/protocol';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { TEST_PASSWORD } from '../../src/testing.js';
import {
  idsIn,
  rowsOfAccount,
  type Snapshot,
  snapshotDiff,
  snapshotTables,
  takeSnapshot,
} from './db-snapshot.js';
import { createFixtures } from './fuzz-fixtures.js';
import { describeSent, type FuzzRequest, injectOptions } from './fuzz-request.js';
import type { FuzzWorld } from './fuzz-world.js';
import { anyRequest, poisonedRequestFor, validRequestFor } from './request-arbitrary.js';
import { responseProblems } from './response-rules.js';
import { type CatalogRoute, routeCatalog, routeName } from './route-catalog.js';
import type { SchemaHints } from './schema-arbitrary.js';

/** `FUZZ_SEED` and `FUZZ_RUNS`, else fixed defaults, so that CI runs the same requests every time. */
export function fuzzSettings(env: NodeJS.ProcessEnv = process.env): { seed: number; runs: number } {
  const seed = env.FUZZ_SEED?.trim() ? Number(env.FUZZ_SEED) : 20_260_115;
  const runs = env.FUZZ_RUNS?.trim() ? Number(env.FUZZ_RUNS) : 300;
  if (!Number.isSafeInteger(seed))
    throw new Error(`FUZZ_SEED must be an integer (got "${env.FUZZ_SEED}")`);
  if (!Number.isSafeInteger(runs) || runs < 1) {
    throw new Error(`FUZZ_RUNS must be a positive integer (got "${env.FUZZ_RUNS}")`);
  }
  return { seed, runs };
}

/** How one route fared: how many requests it got and how many of those reached its handler. */
export interface RouteTally {
  sent: number;
  reached: number;
  statuses: Map<number, number>;
}

export interface FuzzReport {
  routes: CatalogRoute[];
  tally: Map<string, RouteTally>;
  requests: number;
  ms: number;
}

/**
 * Whether the request got past routing and the guards to the route's own validation or handler:
 * the router matches its path (an ID never looks like a static segment, so the match is the
 * route it was made for), and no guard (session, role, CSRF, rate limit) turned it away.
 */
/**
 * The codes of the guards in front of the handlers (sessions, CSRF, roles, rate limits): a 401,
 * 403 or 429 with another code is a handler's own answer (a wrong password or passkey, say),
 * which reached the route as much as a 200 does.
 */
const GUARD_CODES: ReadonlySet<string> = new Set([
  'session_expired',
  'csrf_mismatch',
  'cross_site',
  'forbidden',
  'rate_limited',
]);

/** The `code` of a JSON error body, if the body is one. */
function errorCode(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { code?: unknown };
    return typeof parsed.code === 'string' ? parsed.code : null;
  } catch {
    return null;
  }
}

function reachedRoute(
  world: FuzzWorld,
  request: FuzzRequest,
  url: string,
  status: number,
  body: string,
): boolean {
  const wellFormed = request.path.every((p) => 'literal' in p || 'ref' in p);
  if (!wellFormed || `${request.method} ` !== request.route.slice(0, request.method.length + 1)) {
    return false;
  }
  const path = url.split('?')[0] ?? url;
  const match = world.apps[request.api].findRoute({ method: request.method, url: path });
  if (match === null) return false;
  if (status < 400 || ![401, 403, 429].includes(status)) return true;
  const code = errorCode(body);
  return code !== null && !GUARD_CODES.has(code);
}

function answered(response: LightMyRequestResponse): string {
  const body = response.body.length > 400 ? `${response.body.slice(0, 400)}…` : response.body;
  return `  answered ${response.statusCode} ${String(response.headers['content-type'] ?? '')}: ${body}`;
}

/** A form-encoded text as its fields read (an email's `@` is `%40` there); itself if malformed. */
function decodedForm(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Fuzzes every route of `world`'s apps; throws with the failing request and how to replay it. */
export async function fuzzRoutes(
  world: FuzzWorld,
  settings: { seed: number; runs: number; label: string },
): Promise<FuzzReport> {
  const started = performance.now();
  await createFixtures(world);
  const { db, schema } = world.store;
  const tables = await snapshotTables(db, schema);
  const foreignAtStart = rowsOfAccount(await takeSnapshot(db, tables), world.foreign.accountId);
  // No fuzzed role belongs to the other studio: no answer of theirs may name its rows.
  const foreignIds = idsIn(foreignAtStart);
  const foreignEmails = [world.foreign.owner.email, world.foreign.galleryClient.email].map((e) =>
    e.toLowerCase(),
  );
  if (foreignIds.size < 10)
    throw new Error(`The other studio has too few rows (${foreignIds.size} ids)`);

  const routes = [
    ...(await routeCatalog(world.apps.studio, 'studio')),
    ...(await routeCatalog(world.apps.gallery, 'gallery')),
  ];
  const hints: SchemaHints = {
    formats: { email: world.emails },
    properties: {
      password: [TEST_PASSWORD],
      current_password: [TEST_PASSWORD],
      next: ['/app/clients', '//evil.example', 'https://evil.example/'],
      owner_id: [world.users.gallery_client.id],
    },
  };
  const tally = new Map<string, RouteTally>(
    routes.map((r) => [`${r.api} ${routeName(r)}`, { sent: 0, reached: 0, statuses: new Map() }]),
  );
  let requests = 0;

  async function check(request: FuzzRequest): Promise<void> {
    const options = await injectOptions(request, world).catch((error: unknown) => {
      throw new Error(`The fuzzer could not build ${JSON.stringify(request).slice(0, 600)}`, {
        cause: error,
      });
    });
    const unsafe = UNSAFE_METHODS.has(request.method);
    const before: Snapshot | null = unsafe ? await takeSnapshot(db, tables) : null;
    const response = await world.apps[request.api].inject(options).catch((error: unknown) => {
      throw new Error(`inject() refused to send\n${describeSent(request, options)}`, {
        cause: error,
      });
    });
    requests++;
    // inject() resolves `..` as a browser would; judge the path the server saw.
    const received = response.raw.req.url ?? options.url;
    const problems = responseProblems({ method: request.method, url: received }, response);
    // Unless the request itself named it (an answer may echo what it was given), or signed in
    // as one of that studio's users with their address and password (the fuzzer knows both).
    const sent = `${options.url} ${typeof options.payload === 'string' ? options.payload : ''}`;
    const readable = decodedForm(sent).toLowerCase();
    const asForeigner = foreignEmails.some((e) => readable.includes(e));
    if (response.statusCode < 400 && !asForeigner) {
      const leaked = [...foreignIds].filter(
        (id) => response.body.includes(id) && !sent.includes(id),
      );
      if (leaked.length > 0)
        problems.push(`the answer shows the other studio's ${leaked.join(', ')}`);
    }
    if (before) {
      const after = await takeSnapshot(db, tables);
      if (response.statusCode >= 400) {
        const diff = snapshotDiff(before, after);
        if (diff.length > 0)
          problems.push(
            `a refused ${request.method} changed rows:`,
            ...diff.map((d) => `    ${d}`),
          );
      }
      const foreign = snapshotDiff(foreignAtStart, rowsOfAccount(after, world.foreign.accountId));
      if (foreign.length > 0)
        problems.push("the other studio's rows changed:", ...foreign.map((d) => `    ${d}`));
    }
    const entry = tally.get(`${request.api} ${request.route}`);
    if (entry) {
      entry.sent++;
      entry.statuses.set(response.statusCode, (entry.statuses.get(response.statusCode) ?? 0) + 1);
      if (reachedRoute(world, request, received, response.statusCode, response.body)) {
        entry.reached++;
      }
    }
    await world.settle(request.method, response);
    if (problems.length > 0) {
      const saw = received === options.url ? [] : [`  (the server saw ${received})`];
      throw new Error(
        [...problems, describeSent(request, options), ...saw, answered(response)].join('\n'),
      );
    }
  }

  const { seed, runs, label } = settings;
  // Every run starts with a valid owner request for each route, so that every route is reached
  // on every seed, and, for routes that take a body, the same with a NUL in a text field. On
  // the Gallery API a gallery client's too: some of its routes are theirs alone (submitting a
  // favorites list), and were reached only when the seed's draw happened to make one.
  const examples = routes.flatMap((route) =>
    [
      validRequestFor(route, hints),
      poisonedRequestFor(route, hints),
      route.api === 'gallery' ? validRequestFor(route, hints, 'gallery_client') : null,
    ].flatMap((arbitrary) =>
      arbitrary ? fc.sample(arbitrary, { seed, numRuns: 1 }).map((r): [FuzzRequest] => [r]) : [],
    ),
  );
  await fc.assert(fc.asyncProperty(anyRequest(routes, hints), check), {
    seed,
    numRuns: runs + examples.length,
    examples,
    // Each request changes the state the next one meets, so a shrunk request would run
    // against another state: report the request that failed, as it was sent.
    endOnFailure: true,
    reporter(details) {
      if (!details.failed) return;
      const error = details.errorInstance;
      const cause =
        error instanceof Error
          ? `${error.message}${error.cause instanceof Error ? `\n  (${error.cause.message})` : ''}`
          : String(error);
      throw new Error(
        `Route fuzzing on ${label} failed at request ${details.numRuns} of seed ${seed}:\n${cause}\n` +
          `Replay: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} npm run test:only -- fuzz`,
      );
    },
  });
  return { routes, tally, requests, ms: performance.now() - started };
}
