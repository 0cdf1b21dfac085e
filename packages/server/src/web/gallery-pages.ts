import { CONFIRM_DIALOG, field } from './form-fields.js';
import { CLIENT_VIEW } from './photo-pages.js';

/** Collections: the list (shared ones only, for a gallery client) and, for staff, a form. */
export const COLLECTIONS_CONTENT = `<section id="collection-editor" class="panel staff-only" aria-labelledby="new-collection-title" hidden>
<h2 id="new-collection-title">New collection</h2>
<form id="collection-form" data-draft="collection" novalidate>
${field({ name: 'name', label: 'Name', required: true, autocomplete: 'off', idPrefix: 'collection-' })}
${field({ name: 'description', label: 'Description', type: 'textarea', idPrefix: 'collection-' })}
<div class="actions"><button type="submit">Create collection</button></div>
</form>
</section>
<section aria-labelledby="collections-title">
<h2 id="collections-title">Collections</h2>
<p id="list-summary" class="muted"></p>
<ul id="collection-list" class="rows" aria-busy="true"></ul>
<nav class="pager" aria-label="Collection pages"><button type="button" id="prev-page" class="secondary">Previous</button><span id="page-info"></span><button type="button" id="next-page" class="secondary">Next</button></nav>
</section>
${CONFIRM_DIALOG}`;

/**
 * One collection. Staff rename or delete it and list, add, rename and delete its galleries;
 * a gallery client gets the client view instead: cover, galleries, photos.
 */
export const COLLECTION_CONTENT = `<p><a href="/app/collections">← All collections</a></p>
<p id="collection-details" class="muted"></p>
<section id="collection-settings" class="panel staff-only" aria-labelledby="rename-title" hidden>
<h2 id="rename-title">Collection name</h2>
<form id="rename-form" data-draft="rename" class="inline-form" novalidate>
${field({ name: 'name', label: 'Name', required: true, autocomplete: 'off', idPrefix: 'rename-' })}
<div class="actions"><button type="submit">Rename</button><button type="button" class="danger owner-only" id="delete-collection" hidden>Delete collection</button></div>
</form>
</section>
<section id="galleries" aria-labelledby="galleries-title">
<h2 id="galleries-title">Galleries</h2>
<ul id="gallery-list" class="rows" aria-busy="true"></ul>
</section>
<section id="gallery-editor" class="panel staff-only" aria-labelledby="new-gallery-title" hidden>
<h2 id="new-gallery-title">New gallery</h2>
<form id="gallery-form" data-draft="gallery" class="inline-form" novalidate>
${field({ name: 'name', label: 'Gallery name', required: true, autocomplete: 'off', idPrefix: 'gallery-' })}
<div class="actions"><button type="submit">Add gallery</button></div>
</form>
</section>
${CLIENT_VIEW}
${CONFIRM_DIALOG}`;

/** The bootstrap data, as account and workspace settings. */
export const SETTINGS_CONTENT = `<div id="settings" aria-busy="true"></div>`;
