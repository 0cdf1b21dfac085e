/**
 * A system under test: one or two target processes behind one name, signed in once. Its
 * server CPU is the sum over its processes; its RSS the largest of them.
 */
import { LOGIN_BODY } from '../fixtures.js';
import { type ServerDelta, serverDelta } from '../measure/cpu.js';
import type { TargetHandle } from './target-handle.js';

export interface System {
  key: string;
  name: string;
  description: string;
  handles: readonly TargetHandle[];
  /** The `Cookie` header of a signed-in session, valid on every instance. */
  cookie: string;
  /** Whether it serves `?page=N` and search over a seeded table (Proofsheet targets). */
  pagedClients: boolean;
}

export function urlsOf(system: System, path: string): string[] {
  return system.handles.map((h) => `${h.url}${path}`);
}

/** Signs in over HTTP and returns the cookies as a `Cookie` header. */
export async function signIn(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: LOGIN_BODY,
  });
  if (response.status !== 200) {
    throw new Error(`POST ${baseUrl}/login answered ${response.status}: ${await response.text()}`);
  }
  await response.arrayBuffer();
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  return cookies.filter((c) => c !== '').join('; ');
}

/** Checks that the session works on every instance before measuring anything. */
export async function checkSignedIn(system: System, path: string): Promise<void> {
  for (const url of urlsOf(system, path)) {
    const response = await fetch(url, { headers: { cookie: system.cookie } });
    const body = await response.text();
    if (response.status !== 200) {
      throw new Error(
        `GET ${url} with the session answered ${response.status}: ${body.slice(0, 200)}`,
      );
    }
  }
}

/** Runs `work` between two readings of every process of the system. */
export async function withServerDelta<T>(
  system: System,
  work: () => Promise<T>,
): Promise<{ result: T; server: ServerDelta }> {
  const before = await Promise.all(system.handles.map((h) => h.stats()));
  const result = await work();
  const after = await Promise.all(system.handles.map((h) => h.stats()));
  return { result, server: serverDelta(before, after) };
}
