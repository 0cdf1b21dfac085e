// The account page's studios: shown to someone who belongs to more than one studio (a
// photographer who also assists another, a couple with two photographers), or who may open
// one of their own. Switching moves this sign-in to the other studio; the page then opens the
// app there.
import type { StudioCreated, StudioMembershipList } from '@proofsheet/protocol';
import { api } from './api.js';
import { ROLE_LABELS } from './role-labels.js';
import { announce, byId, h, onSubmit, reportError } from './ui.js';

const panel = byId('studios-panel');
const list = byId('studio-list');
const form = byId('studio-form', HTMLFormElement);

async function switchTo(accountId: string, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  try {
    await api('POST', '/api/v1/account/studios/switch', { account_id: accountId });
    // The old session ended with the switch: load the app afresh, with the new cookies.
    location.assign('/app/');
  } catch (error) {
    button.disabled = false;
    reportError(error);
  }
}

async function load(): Promise<void> {
  try {
    const { data, meta } = await api<StudioMembershipList>('GET', '/api/v1/account/studios');
    panel.hidden = data.length < 2 && !meta.can_create;
    form.hidden = !meta.can_create;
    list.replaceChildren(
      ...data.map((studio) => {
        const role = ROLE_LABELS[studio.role];
        const button = studio.current
          ? null
          : h(
              'button',
              {
                type: 'button',
                class: 'secondary small',
                'aria-label': `Switch to ${studio.name}`,
              },
              'Switch',
            );
        button?.addEventListener('click', () => switchTo(studio.id, button));
        return h(
          'li',
          { class: 'row', 'data-id': studio.id },
          h(
            'div',
            { class: 'row-main' },
            h(
              'strong',
              {},
              studio.name,
              studio.current ? h('span', { class: 'tag' }, 'Open now') : null,
            ),
            h('span', { class: 'muted' }, role),
          ),
          button,
        );
      }),
    );
  } catch (error) {
    reportError(error);
  }
}

onSubmit(form, async (values) => {
  const { data } = await api<StudioCreated>('POST', '/api/v1/account/studios', {
    name: values.name ?? '',
  });
  form.reset();
  await load();
  announce(`${data.name} is open. Switch to it to set it up.`);
});

void load();
