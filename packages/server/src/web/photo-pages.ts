import { CONFIRM_DIALOG } from './form-fields.js';

/**
 * The lightbox: a modal `<dialog>`, so the page behind is inert while it is open. Its script
 * is `assets/lightbox.ts`.
 */
export const LIGHTBOX_DIALOG = `<dialog id="lightbox" class="lightbox" aria-labelledby="lb-title">
<div class="lb-bar">
<p id="lb-counter" class="lb-counter"></p>
<h2 id="lb-title" class="lb-title" aria-live="polite"></h2>
<div class="lb-actions">
<button type="button" id="lb-favorite" class="lb-button" aria-pressed="false" hidden><span aria-hidden="true">♥</span><span class="lb-label">Favorite</span></button>
<div id="lb-download" class="lb-download" hidden></div>
<button type="button" id="lb-close" class="lb-button" aria-label="Close"><span aria-hidden="true">✕</span></button>
</div>
</div>
<div id="lb-stage" class="lb-stage">
<div id="lb-frame" class="lb-frame"></div>
<button type="button" id="lb-prev" class="lb-nav prev" aria-label="Previous photo"><span aria-hidden="true">‹</span></button>
<button type="button" id="lb-next" class="lb-nav next" aria-label="Next photo"><span aria-hidden="true">›</span></button>
</div>
</dialog>`;

/** Asks for a collection's download PIN before the first download (`assets/downloads.ts`). */
export const PIN_DIALOG = `<dialog id="pin-dialog" aria-labelledby="pin-title" aria-describedby="pin-about">
<form method="dialog" id="pin-form" novalidate>
<h2 id="pin-title">Download PIN</h2>
<p id="pin-about">Your photographer protects downloads with a PIN. Enter it once to download.</p>
<div class="field"><label for="pin-input">PIN</label><input id="pin-input" name="pin" inputmode="numeric" autocomplete="off" maxlength="8" aria-describedby="pin-error"><p class="field-error" id="pin-error" role="alert" hidden></p></div>
<div class="actions"><button type="submit" value="cancel" class="secondary">Cancel</button><button type="submit" value="ok" id="pin-ok">Download</button></div>
</form>
</dialog>`;

/**
 * A gallery as its clients see it, filled in by `assets/client-gallery.ts`: the cover (the
 * page's `h1` is moved into it), the galleries as tabs, and the photos in a justified grid that
 * opens the lightbox. Share-link pages can use the same markup and script.
 */
export const CLIENT_VIEW = `<div id="client-view" hidden>
<section id="cover" class="cover-hero" aria-labelledby="page-title">
<div class="cover-text" id="cover-text"><p id="cover-date"></p><a class="view-photos" href="#photos">View photos</a></div>
</section>
<nav id="gallery-tabs" class="gallery-tabs" aria-label="Galleries"><ul id="gallery-tab-list"></ul></nav>
<section id="photos" aria-labelledby="photos-title" tabindex="-1">
<h2 id="photos-title" class="visually-hidden">Photos</h2>
<div class="photo-toolbar">
<p id="photo-summary" class="muted" aria-live="polite"></p>
<div class="actions">
<button type="button" id="favorites-only" class="secondary small toggle" aria-pressed="false" hidden>♥ Favorites only</button>
<div id="download-gallery" class="download-gallery" hidden></div>
</div>
</div>
<ul id="photo-grid" class="photo-grid justified" aria-busy="true"></ul>
</section>
</div>
${LIGHTBOX_DIALOG}
${PIN_DIALOG}`;

/** A gallery's page in the studio: upload, then the photos to arrange, hide and delete. */
export const GALLERY_CONTENT = `<p><a id="back-link" href="/app/collections">← Collection</a></p>
<p id="gallery-details" class="muted"></p>
<section class="panel" aria-labelledby="upload-title">
<h2 id="upload-title">Upload photos</h2>
<div id="dropzone" class="dropzone">
<p class="drag-hint"><strong>Drag photos here</strong> or</p>
<label class="file-button" for="file-input">Choose files</label>
<input id="file-input" class="visually-hidden" type="file" multiple accept="image/*,.heic,.heif,video/mp4,video/quicktime,.mov">
<p class="hint">JPEG, PNG, TIFF, WebP, AVIF or HEIC photos and MP4 or MOV videos, as many as you like.</p>
</div>
<p id="upload-summary" class="muted" aria-live="polite"></p>
<ul id="upload-list" class="uploads" aria-label="Uploads"></ul>
</section>
<section aria-labelledby="photos-title">
<div class="toolbar"><h2 id="photos-title">Photos</h2><p id="photo-summary" class="muted" aria-live="polite"></p></div>
<p id="reorder-hint" class="hint">Drag a photo to move it, or use its ← and → buttons.</p>
<ul id="photo-grid" class="photo-grid studio" aria-busy="true" aria-describedby="reorder-hint"></ul>
</section>
${CONFIRM_DIALOG}`;
