// Account: the sessions of this user (revoke one, sign out everywhere else) and the password.
import { api } from './api.js';
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

const list = byId('session-list');
const form = byId('password-form');

/** "Chrome on Linux"-ish from a user agent, or the raw string when nothing matches. */
function device(userAgent) {
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

async function load() {
  try {
    const body = await api('GET', '/api/v1/sessions');
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
    byId('revoke-others').disabled = body.data.length <= 1;
  } catch (error) {
    reportError(error);
  } finally {
    list.removeAttribute('aria-busy');
  }
}

async function revoke(session, label) {
  try {
    await api('DELETE', `/api/v1/sessions/${encodeURIComponent(session.id)}`);
    await load();
    announce(`Signed out ${label}.`);
    byId('sessions-title').setAttribute('tabindex', '-1');
    byId('sessions-title').focus();
  } catch (error) {
    reportError(error);
  }
}

byId('revoke-others').addEventListener('click', async () => {
  try {
    const body = await api('POST', '/api/v1/sessions/revoke_others');
    await load();
    const n = body?.data?.revoked ?? 0;
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
  const current = form.elements.namedItem('current_password').value;
  const next = form.elements.namedItem('new_password').value;
  if (next !== form.elements.namedItem('confirm_password').value) {
    showFieldErrors(form, { confirm_password: ['does not match the new password'] });
    return;
  }
  await busy(form, async () => {
    try {
      const body = await api('PUT', '/api/v1/account/password', {
        current_password: current,
        new_password: next,
      });
      form.reset();
      const n = body?.data?.revoked_sessions ?? 0;
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
