// The pages' one way to call /api/v1: cookies ride along (credentials: 'include'), unsafe
// methods carry X-CSRF-Token, a 401 refreshes the session once and otherwise sends the person
// to sign in (keeping what they typed), and a stale CSRF token is fetched again once.
import { saveDrafts } from './drafts.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function readCookie(name) {
  const pair = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return pair ? decodeURIComponent(pair.slice(name.length + 1)) : '';
}

let csrfToken =
  document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ||
  readCookie('XSRF-TOKEN') ||
  readCookie('__Host-XSRF-TOKEN');

/** Keeps the token in one place, and the sign-out form's hidden field, up to date. */
function setCsrfToken(token) {
  if (typeof token !== 'string' || token === '') return;
  csrfToken = token;
  document.querySelector('meta[name="csrf-token"]')?.setAttribute('content', token);
  for (const input of document.querySelectorAll('input[name="_csrf"]')) input.value = token;
}

/** An API error: `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  constructor(status, body, retryAfter) {
    super(body?.message || `Request failed with status ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
    this.details = body?.details ?? null;
    this.retryAfter = retryAfter;
  }
}

async function send(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(method)) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'include',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    const error = new ApiError(0, {
      message: 'Could not reach the server. Check your connection and try again.',
    });
    error.cause = cause;
    throw error;
  }
}

let refreshing = null;

/** One refresh at a time: parallel 401s share it. Resolves to whether a session is back. */
function refreshSession() {
  refreshing ??= send('POST', '/api/v1/session/refresh')
    .then(async (res) => {
      if (!res.ok) return false;
      const body = await res.json();
      setCsrfToken(body?.data?.csrf_token ?? res.headers.get('X-CSRF-Token'));
      return true;
    })
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** Saves unsaved input, then goes to sign in and back here afterwards. Never resolves. */
export function leaveForLogin() {
  saveDrafts();
  const next = `${location.pathname}${location.search}`;
  location.assign(`/login?reason=expired&next=${encodeURIComponent(next)}`);
  return new Promise(() => {});
}

async function reloadCsrfToken() {
  const res = await send('GET', '/api/v1/csrf-token');
  if (!res.ok) return false;
  const body = await res.json();
  setCsrfToken(body?.data?.csrf_token);
  return true;
}

async function parse(res) {
  if (res.status === 204) return null;
  const text = await res.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 200) };
  }
}

/**
 * Calls the API and returns the parsed JSON body (null for 204).
 * @example const { data } = await api('GET', '/api/v1/clients/?page=2');
 */
export async function api(method, path, body, retried = { refresh: false, csrf: false }) {
  const res = await send(method, path, body);
  if (res.status === 401) {
    if (!retried.refresh && (await refreshSession())) {
      return api(method, path, body, { ...retried, refresh: true });
    }
    return leaveForLogin();
  }
  const parsed = await parse(res);
  if (res.status === 403 && UNSAFE.has(method) && !retried.csrf) {
    // The session rotated in another tab: fetch its token and try once more.
    if (parsed?.message === 'CSRF token mismatch' && (await reloadCsrfToken())) {
      return api(method, path, body, { ...retried, csrf: true });
    }
  }
  if (!res.ok) throw new ApiError(res.status, parsed, res.headers.get('Retry-After'));
  return parsed;
}

/** A sentence for an error, with the wait time of a 429. */
export function describeError(error) {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  if (error.status === 429) {
    const seconds = Number(error.retryAfter);
    const wait = Number.isFinite(seconds) && seconds > 0 ? ` in ${Math.ceil(seconds)} s` : ' later';
    return `Too many requests. Please try again${wait}.`;
  }
  if (error.status === 403) {
    return error.body?.message === 'Insufficient permissions'
      ? 'Your account is not allowed to do this.'
      : error.message;
  }
  if (error.status === 422) return 'Please correct the highlighted fields.';
  if (error.status >= 500) return 'The server had a problem. Please try again in a moment.';
  return error.message;
}
