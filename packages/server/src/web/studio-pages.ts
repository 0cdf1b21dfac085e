import {
  AUDIT_EVENT_TYPE_NAMES,
  AUDIT_EVENT_TYPES,
  CLIENT_TYPE_LABELS,
  CLIENT_TYPES,
} from '@proofsheet/protocol';
import { escapeHtml } from '../http/html.js';
import { CONFIRM_DIALOG, field } from './form-fields.js';

const TYPE_CHOICES = CLIENT_TYPES.map((t) => [t, CLIENT_TYPE_LABELS[t]] as const);

/** Clients: search and filter, a paged table, and one form for creating and editing. */
export const CLIENTS_CONTENT = `<div class="toolbar">
<form id="client-search" class="search" role="search" aria-label="Clients">
<div class="field"><label for="q">Search</label><input id="q" name="q" type="search" placeholder="Name, email or company"></div>
<div class="field"><label for="types">Type</label><select id="types" name="types">
<option value="all">All types</option><option value="client">Clients</option><option value="lead">Leads</option><option value="client,lead">Clients and leads</option><option value="other">Other</option>
</select></div>
<button type="submit">Search</button>
</form>
<button type="button" id="new-client" class="primary-action">New client</button>
</div>
<section id="client-editor" class="panel" aria-labelledby="editor-title" hidden>
<h2 id="editor-title" tabindex="-1">New client</h2>
<form id="client-form" data-draft="client" novalidate>
<div class="grid">
${field({ name: 'first_name', label: 'First name', required: true, autocomplete: 'off' })}
${field({ name: 'last_name', label: 'Last name', autocomplete: 'off' })}
${field({ name: 'email', label: 'Email', type: 'email', autocomplete: 'off' })}
${field({ name: 'phone', label: 'Phone', type: 'tel', autocomplete: 'off' })}
${field({ name: 'company', label: 'Company', autocomplete: 'off' })}
${field({ name: 'type', label: 'Type', type: 'select', choices: TYPE_CHOICES })}
</div>
${field({ name: 'notes', label: 'Notes', type: 'textarea' })}
<div class="actions"><button type="submit" id="save-client">Save client</button><button type="button" class="secondary" id="cancel-client">Cancel</button></div>
</form>
</section>
<section aria-labelledby="list-title">
<h2 id="list-title" class="visually-hidden">Client list</h2>
<p id="list-summary" class="muted" aria-live="polite"></p>
<div class="table-wrap"><table class="data" aria-labelledby="list-title">
<thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col" class="wide-only">Company</th><th scope="col">Type</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody id="client-rows"></tbody>
</table></div>
<nav class="pager" aria-label="Client pages"><button type="button" id="prev-page" class="secondary">Previous</button><span id="page-info"></span><button type="button" id="next-page" class="secondary">Next</button></nav>
</section>
${CONFIRM_DIALOG}`;

/** Notifications: newest first, each can be marked as read. */
export const NOTIFICATIONS_CONTENT = `<div class="toolbar">
<p id="unread-summary" class="muted"></p>
<button type="button" id="read-all" class="secondary">Mark all as read</button>
</div>
<ul id="notification-list" class="rows" aria-busy="true"></ul>`;

/** Outbox: the studio's emails, newest first, and the one opened (text, links clickable). */
export const OUTBOX_CONTENT = `<p id="outbox-summary" class="muted" aria-live="polite"></p>
<ul id="outbox-list" class="rows" aria-busy="true"></ul>
<nav class="pager" aria-label="Outbox pages"><button type="button" id="outbox-prev" class="secondary">Previous</button><button type="button" id="outbox-next" class="secondary">Next</button></nav>
<section id="outbox-message" class="panel" aria-live="polite" hidden></section>`;

/**
 * The type filter of the audit page. Each option's text is also the label the page's script
 * shows for that type, so that the labels have one home (the protocol's list).
 */
const AUDIT_TYPE_OPTIONS = [
  '<option value="">All events</option>',
  '<option value="sign_in.failed,sign_in.throttled" data-group>Failed and throttled sign-ins</option>',
  ...AUDIT_EVENT_TYPE_NAMES.map(
    (t) => `<option value="${escapeHtml(t)}">${escapeHtml(AUDIT_EVENT_TYPES[t])}</option>`,
  ),
].join('');

/** Audit log: the studio's security events, newest first, filtered by type (owners). */
export const AUDIT_CONTENT = `<div class="toolbar">
<form id="audit-filter" class="search" role="search" aria-label="Audit events">
<div class="field"><label for="audit-type">Event</label><select id="audit-type" name="type">${AUDIT_TYPE_OPTIONS}</select></div>
<button type="submit">Filter</button>
</form>
</div>
<section aria-labelledby="audit-title">
<h2 id="audit-title" class="visually-hidden">Security events</h2>
<p id="audit-summary" class="muted" aria-live="polite"></p>
<div class="table-wrap"><table class="data" aria-labelledby="audit-title">
<thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">User</th><th scope="col">IP address</th><th scope="col" class="wide-only">Device</th></tr></thead>
<tbody id="audit-rows" aria-busy="true"></tbody>
</table></div>
<nav class="pager" aria-label="Audit pages"><button type="button" id="audit-prev" class="secondary">Previous</button><span id="audit-page-info"></span><button type="button" id="audit-next" class="secondary">Next</button></nav>
</section>`;
export const MEMBERS_CONTENT = `<p id="members-summary" class="muted" aria-live="polite"></p>
<ul id="members-list" class="rows" aria-busy="true"></ul>
<section class="panel" aria-labelledby="invite-title">
<h2 id="invite-title">Invite someone</h2>
<form id="invite-form" novalidate>
<label for="invite-email">Email</label>
<input id="invite-email" name="email" type="email" required maxlength="254" autocomplete="off">
<label for="invite-role">Role</label>
<select id="invite-role" name="role"><option value="assistant">Assistant</option><option value="gallery_client">Gallery client</option></select>
<label for="invite-first">First name (optional)</label>
<input id="invite-first" name="first_name" maxlength="100" autocomplete="off">
<label for="invite-last">Last name (optional)</label>
<input id="invite-last" name="last_name" maxlength="100" autocomplete="off">
<button type="submit">Send the invitation</button>
</form>
</section>
<section class="panel" aria-labelledby="invitations-title">
<h2 id="invitations-title">Pending invitations</h2>
<ul id="invitations-list" class="rows" aria-busy="true"></ul>
</section>
${CONFIRM_DIALOG}`;
