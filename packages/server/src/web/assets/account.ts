// Account: the sessions of this user (revoke one, sign out everywhere else) and the password.
import type { SessionInfo } from '@proofsheet/protocol';
import { api } from './api.js';
import { fieldNamed } from './fields.js';
import type { Envelope } from './responses.js';
import {
  announce,
  busy,
  byId,
  checkRequired,
  clearFieldErrors,
  formatDate,
  h,
  reportError,
  showError,
  showFieldErrors,
} from './ui.js';
import { loadUnread } from './unread-badge.js';
// The second factors' (the authenticator app, and passkeys), the studios' and the address's
// panels run on their own.
import './email-change.js';
import './two-factor.js';
import './passkeys.js';
import './studios.js';

const list = byId('session-list');
const form = byId('password-form', HTMLFormElement);
const revokeOthers = byId('revoke-others', HTMLButtonElement);

/** "Chrome on Linux"-ish from a user agent, or the raw string when nothing matches. */
function device(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Chrom(e|ium)\//.test(userAgent)
      ? 'Chrome'
      : /Firefox\//.test(userAgent)
        ? 'Firefox'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const os = /Windows/.test(userAgent)
    ? 'Windows'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Android/.test(userAgent)
        ? 'Android'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  return browser ? `${browser}${os ? ` on ${os}` : ''}` : userAgent.slice(0, 60);
}

async function load(): Promise<void> {
  try {
    const body = await api<Envelope<SessionInfo[]>>('GET', '/api/v1/auth/sessions');
    list.replaceChildren();
    for (const s of body.data) {
      const label = device(s.user_agent);
      list.append(
        h(
          'li',
          { class: 'row', 'data-id': s.id },
          h(
            'div',
            { class: 'row-main' },
            h('strong', {}, label, s.current ? h('span', { class: 'tag' }, 'This device') : null),
            h(
              'span',
              { class: 'muted' },
              `${s.ip ?? 'Unknown IP'} · signed in ${formatDate(s.created_at)} · last active ${formatDate(s.last_seen_at)}`,
            ),
          ),
          s.current
            ? null
            : h(
                'button',
                {
                  type: 'button',
                  class: 'secondary small',
                  'aria-label': `Revoke session: ${label}, ${s.ip ?? ''}`,
                  onclick: () => revoke(s, label),
                },
                'Revoke',
              ),
        ),
      );
    }
    revokeOthers.disabled = body.data.length <= 1;
  } catch (error) {
    reportError(error);
  } finally {
    list.removeAttribute('aria-busy');
  }
}

async function revoke(session: SessionInfo, label: string): Promise<void> {
  try {
    await api('DELETE', `/api/v1/auth/sessions/${encodeURIComponent(session.id)}`);
    await load();
    announce(`Signed out ${label}.`);
    byId('sessions-title').setAttribute('tabindex', '-1');
    byId('sessions-title').focus();
  } catch (error) {
    reportError(error);
  }
}

revokeOthers.addEventListener('click', async () => {
  try {
    const body = await api<Envelope<{ revoked: number }> | null>(
      'POST',
      '/api/v1/auth/sessions/revoke_others',
    );
    await load();
    const n = body?.data.revoked ?? 0;
    announce(n === 1 ? 'Signed out 1 other session.' : `Signed out ${n} other sessions.`);
  } catch (error) {
    reportError(error);
  }
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearFieldErrors(form);
  showError('');
  if (!checkRequired(form)) return;
  const current = fieldNamed(form, 'current_password').value;
  const next = fieldNamed(form, 'new_password').value;
  if (next !== fieldNamed(form, 'confirm_password').value) {
    showFieldErrors(form, { confirm_password: ['does not match the new password'] });
    return;
  }
  await busy(form, async () => {
    try {
      const body = await api<Envelope<{ revoked_sessions: number }> | null>(
        'PUT',
        '/api/v1/account/password',
        { current_password: current, new_password: next },
      );
      form.reset();
      const n = body?.data.revoked_sessions ?? 0;
      announce(
        `Password changed.${n > 0 ? ` ${n} other ${n === 1 ? 'session was' : 'sessions were'} signed out.` : ''}`,
      );
      await load();
    } catch (error) {
      reportError(error, form);
    }
  });
});

load();
loadUnread();
