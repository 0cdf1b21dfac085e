/**
 * The measures, each one load run against one system with its server CPU read around it.
 */
import { LOGIN_BODY } from '../fixtures.js';
import { type System, urlsOf, withServerDelta } from '../orchestrator/system.js';
import { runLoad } from './load.js';

export const CLIENTS_PATH = '/api/v1/clients/';

export interface LoadSettings {
  durationS: number;
  /** Connections of the authenticated GETs. */
  connections: number;
  /** Connections that sign in, alone or as the storm beside the GETs. */
  loginConnections: number;
}

export interface GetSample {
  okPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  failed: number;
  /** Server CPU (all the system's processes) per 2xx response, in microseconds. */
  serverCpuUs: number;
  /** Load-generator CPU per 2xx response, in microseconds. */
  loadgenCpuUs: number;
  sessionWrites: number;
  rssBytes: number;
}

export interface LoginSample {
  okPerSecond: number;
  failed: number;
  serverCpuUs: number;
}

export interface StormSample {
  getP50Ms: number;
  getP99Ms: number;
  getOkPerSecond: number;
  loginOkPerSecond: number;
  failed: number;
}

/** Authenticated GETs of `path` (default: the first page of clients). */
export async function measureGet(
  system: System,
  settings: LoadSettings,
  path = CLIENTS_PATH,
): Promise<GetSample> {
  const { result, server } = await withServerDelta(system, () =>
    runLoad({
      urls: urlsOf(system, path),
      connections: settings.connections,
      durationS: settings.durationS,
      headers: { cookie: system.cookie, accept: 'application/json' },
    }),
  );
  const ok = Math.max(1, result.ok);
  return {
    okPerSecond: result.okPerSecond,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    ok: result.ok,
    failed: result.non2xx + result.errors,
    serverCpuUs: server.cpuUs / ok,
    loadgenCpuUs: result.loadgenCpuUs / ok,
    sessionWrites: server.sessionWrites,
    rssBytes: server.rssBytes,
  };
}

function loginLoad(system: System, settings: LoadSettings) {
  return runLoad({
    urls: urlsOf(system, '/login'),
    connections: settings.loginConnections,
    durationS: settings.durationS,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: LOGIN_BODY,
  });
}

/** Sign-ins with the right password (argon2id on every target). */
export async function measureLogin(system: System, settings: LoadSettings): Promise<LoginSample> {
  const { result, server } = await withServerDelta(system, () => loginLoad(system, settings));
  return {
    okPerSecond: result.okPerSecond,
    failed: result.non2xx + result.errors,
    serverCpuUs: server.cpuUs / Math.max(1, result.ok),
  };
}

/** Authenticated GETs while sign-ins run alongside. */
export async function measureStorm(system: System, settings: LoadSettings): Promise<StormSample> {
  const [get, login] = await Promise.all([
    runLoad({
      urls: urlsOf(system, CLIENTS_PATH),
      connections: settings.connections,
      durationS: settings.durationS,
      headers: { cookie: system.cookie, accept: 'application/json' },
    }),
    loginLoad(system, settings),
  ]);
  return {
    getP50Ms: get.p50Ms,
    getP99Ms: get.p99Ms,
    getOkPerSecond: get.okPerSecond,
    loginOkPerSecond: login.okPerSecond,
    failed: get.non2xx + get.errors + login.non2xx + login.errors,
  };
}
