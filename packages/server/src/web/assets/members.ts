// Studio → Members (owners): the studio's users with their role and a remove button, the
// invite form, and the pending invitations with a revoke button.
import type { Invitation, InvitationPage, Member, MemberPage, Role } from '@proofsheet/protocol';
import { api } from './api.js';
import { ROLE_LABELS } from './role-labels.js';
import { announce, byId, confirmAction, formatDate, h, onSubmit, reportError } from './ui.js';

const members = byId('members-list');
const invitations = byId('invitations-list');
const form = byId('invite-form', HTMLFormElement);

function nameOf(m: Member): string {
  return `${m.first_name} ${m.last_name}`.trim() || m.email;
}

function roleSelect(m: Member): HTMLSelectElement {
  const select = h(
    'select',
    { 'aria-label': `Role of ${nameOf(m)}`, 'data-role-of': m.id },
    ...(Object.keys(ROLE_LABELS) as Role[]).map((role) =>
      h('option', { value: role, ...(role === m.role ? { selected: '' } : {}) }, ROLE_LABELS[role]),
    ),
  );
  select.addEventListener('change', async () => {
    try {
      await api('PUT', `/api/v1/members/${m.id}`, { role: select.value });
      announce(
        `${nameOf(m)} is now ${ROLE_LABELS[select.value as Role].toLowerCase()}; they sign in again.`,
      );
    } catch (error) {
      select.value = m.role;
      reportError(error);
    }
    await loadMembers();
  });
  return select;
}

function renderMembers(body: MemberPage): void {
  members.replaceChildren();
  for (const m of body.data) {
    const remove = h(
      'button',
      { type: 'button', class: 'secondary small danger', 'aria-label': `Remove ${nameOf(m)}` },
      'Remove',
    );
    remove.addEventListener('click', async () => {
      const ok = await confirmAction(
        `Remove ${nameOf(m)} (${m.email})? They are signed out everywhere and cannot sign in again.`,
        'Remove',
      );
      if (!ok) return;
      try {
        await api('DELETE', `/api/v1/members/${m.id}`);
        announce(`${nameOf(m)} was removed.`);
      } catch (error) {
        reportError(error);
      }
      await loadMembers();
    });
    members.append(
      h(
        'li',
        { class: 'row', 'data-id': m.id },
        h(
          'div',
          { class: 'row-main' },
          h('strong', {}, nameOf(m)),
          h('span', {}, m.email),
          h(
            'time',
            { class: 'muted', datetime: m.created_at },
            `Since ${formatDate(m.created_at)}`,
          ),
        ),
        roleSelect(m),
        remove,
      ),
    );
  }
  byId('members-summary').textContent =
    `${body.meta.total} member${body.meta.total === 1 ? '' : 's'}.`;
}

function renderInvitations(body: InvitationPage): void {
  invitations.replaceChildren();
  if (body.data.length === 0)
    invitations.append(h('li', { class: 'empty' }, 'No invitation waiting.'));
  for (const i of body.data) {
    const revoke = h(
      'button',
      {
        type: 'button',
        class: 'secondary small',
        'aria-label': `Revoke the invitation of ${i.email}`,
      },
      'Revoke',
    );
    revoke.addEventListener('click', async () => {
      try {
        await api('DELETE', `/api/v1/invitations/${i.id}`);
        announce(`The invitation of ${i.email} was revoked.`);
      } catch (error) {
        reportError(error);
      }
      await loadInvitations();
    });
    invitations.append(
      h(
        'li',
        { class: 'row', 'data-id': i.id },
        h(
          'div',
          { class: 'row-main' },
          h('strong', {}, i.email),
          h('span', {}, `${ROLE_LABELS[i.role]} · until ${formatDate(i.expires_at)}`),
        ),
        revoke,
      ),
    );
  }
}

async function loadMembers(): Promise<void> {
  try {
    renderMembers(await api<MemberPage>('GET', '/api/v1/members?per_page=100'));
  } catch (error) {
    reportError(error);
  } finally {
    members.removeAttribute('aria-busy');
  }
}

async function loadInvitations(): Promise<void> {
  try {
    renderInvitations(
      await api<InvitationPage>('GET', '/api/v1/invitations?status=pending&per_page=100'),
    );
  } catch (error) {
    reportError(error);
  } finally {
    invitations.removeAttribute('aria-busy');
  }
}

onSubmit(form, async (values) => {
  const body: Record<string, string> = {
    email: values.email ?? '',
    role: values.role ?? 'assistant',
  };
  if (values.first_name) body.first_name = values.first_name;
  if (values.last_name) body.last_name = values.last_name;
  const { data } = await api<{ data: Invitation }>('POST', '/api/v1/invitations', body);
  form.reset();
  announce(`An invitation is on its way to ${data.email}.`);
  await loadInvitations();
});

void loadMembers();
void loadInvitations();
