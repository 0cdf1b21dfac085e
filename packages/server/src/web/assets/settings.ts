// Gallery → Settings: the bootstrap data, shown as the account and workspace settings.
import type { Bootstrap } from '@proofsheet/protocol';
import { api } from './api.js';
import { byId, formatDate, h, reportError } from './ui.js';

type Row = readonly [term: string, value: string | null];

function section(title: string, rows: readonly Row[]): HTMLElement {
  const id = `settings-${title.toLowerCase().replaceAll(' ', '-')}`;
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': id },
    h('h2', { id }, title),
    h(
      'dl',
      { class: 'settings' },
      rows.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value ?? '—')]),
    ),
  );
}

async function load(): Promise<void> {
  const box = byId('settings');
  try {
    const { data } = await api<{ data: Bootstrap }>('GET', '/api/v1/data/bootstrap');
    const yesNo = (b: boolean) => (b ? 'On' : 'Off');
    box.replaceChildren(
      section('Account', [
        ['Studio', data.account.name],
        ['Plan', data.account.plan],
        ['Since', formatDate(data.account.created_at)],
      ]),
      section('You', [
        ['Name', [data.user.first_name, data.user.last_name].filter(Boolean).join(' ')],
        ['Email', data.user.email],
      ]),
      section('Workspace', [
        ['Name', data.workspace.name],
        ['Time zone', data.workspace.timezone],
        ['Currency', data.workspace.currency],
        ['Language', data.workspace.locale],
        ['Date format', data.workspace.date_format],
        ['Watermark', yesNo(data.workspace.watermark_enabled)],
        ['Downloads by default', yesNo(data.workspace.default_download)],
      ]),
      section('Gallery address', [
        ['Subdomain', data.custom_url.subdomain],
        ['Custom domain', data.custom_url.domain],
        ['Address', data.custom_url.url],
      ]),
    );
  } catch (error) {
    reportError(error);
  } finally {
    box.removeAttribute('aria-busy');
  }
}

load();
