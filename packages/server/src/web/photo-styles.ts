/**
 * The photo pages' part of the stylesheet: the upload area, the studio's grid of tiles, the
 * client's cover, justified grid and lightbox. Row heights match `ROW_HEIGHTS` in
 * `assets/srcset.ts`, which tells the browser how wide each tile is.
 */
export const PHOTO_CSS = `body[data-page="gallery"] main.page,body.photo-view main.page,body[data-page="gallery"] .topbar-inner,body.photo-view .topbar-inner{max-width:90rem}
body:has(dialog.lightbox[open]){overflow:hidden}
.dropzone{border:2px dashed #c5ccd8;border-radius:12px;padding:1.5rem 1rem;text-align:center;background:#fafbfc;transition:border-color .15s,background-color .15s}
.dropzone.dragover{border-color:var(--accent);background:#eef2fe}
.dropzone p{margin:.3rem 0}
@media (hover:none) and (pointer:coarse){.drag-hint{display:none}}.dropzone .hint{margin-top:.6rem}
.file-button{display:inline-block;font-weight:600;border-radius:8px;padding:.6rem 1.1rem;background:var(--accent);color:#fff;cursor:pointer}
.file-button:hover{background:var(--accent-dark)}
.dropzone:focus-within .file-button{outline:3px solid rgba(47,91,234,.35);outline-offset:2px}
.uploads{list-style:none;margin:.75rem 0 0;padding:0;display:grid;gap:.5rem;max-height:20rem;overflow:auto}
.upload{display:grid;grid-template-columns:minmax(0,1fr) auto auto;align-items:center;gap:.2rem .75rem;font-size:.9rem}
.upload-name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-weight:500}
.upload-state{color:var(--muted);white-space:nowrap}.upload.failed .upload-state{color:var(--danger);white-space:normal}
.upload.done .upload-state{color:var(--ok)}
.upload progress{grid-column:1 / -1;width:100%;height:6px;appearance:none;border:0;border-radius:3px;background:#e8ebf0;overflow:hidden}
.upload progress::-webkit-progress-bar{background:#e8ebf0}
.upload progress::-webkit-progress-value{background:var(--accent);transition:width .2s}
.upload progress::-moz-progress-bar{background:var(--accent)}
.upload.done progress::-webkit-progress-value{background:var(--ok)}.upload.failed progress::-webkit-progress-value{background:var(--danger)}
.upload button{margin:0;width:auto;padding:.2rem .6rem;font-size:.85rem}
.photo-grid{list-style:none;margin:0;padding:0}
.photo-grid.studio{display:grid;grid-template-columns:repeat(auto-fill,minmax(11.5rem,1fr));gap:1rem}
.tile{background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden;display:flex;flex-direction:column;position:relative}
.tile[draggable="true"] .frame{cursor:grab}.tile.dragging{opacity:.4}
.tile.drop-target{outline:3px solid var(--accent);outline-offset:2px}
.frame{position:relative;display:block;overflow:hidden;background:#e9ecf1 center/cover no-repeat}
.photo-grid.studio .frame{aspect-ratio:1}
.frame picture,.frame img{display:block;width:100%;height:100%}
.frame img{object-fit:cover;opacity:0;transition:opacity .3s}
.frame picture.loaded img{opacity:1}
.tile.is-hidden .frame picture.loaded img{opacity:.45}
.tile-badges{position:absolute;top:.45rem;left:.45rem;display:flex;flex-wrap:wrap;gap:.3rem;z-index:1}
.tile-badge{background:rgba(29,35,48,.78);color:#fff;font-size:.72rem;font-weight:700;padding:.12rem .5rem;border-radius:999px;letter-spacing:.02em}
.tile-badge.cover{background:var(--accent)}.tile-badge.failed{background:var(--danger)}
.tile[data-status="processing"] .frame::after{content:"";position:absolute;inset:0;background:linear-gradient(100deg,transparent 30%,rgba(255,255,255,.5) 50%,transparent 70%);background-size:250% 100%;animation:shimmer 1.4s linear infinite}
@keyframes shimmer{from{background-position:130% 0}to{background-position:-30% 0}}
.tile[data-status="failed"] .frame{background:#fdecea}
.failed-reason{position:absolute;left:.5rem;right:.5rem;bottom:.5rem;margin:0;color:var(--danger);font-size:.8rem;font-weight:600;line-height:1.3}
.tile-body{padding:.5rem .6rem .6rem;display:flex;flex-direction:column;gap:.45rem;flex:1}
.tile-name{margin:0;font-size:.85rem;font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.tile-meta{margin:-.35rem 0 0;font-size:.78rem;color:var(--muted)}
.tile-actions{display:flex;flex-wrap:wrap;gap:.25rem;margin-top:auto}
.tile-actions button{margin:0;width:auto;padding:.2rem .45rem;font-size:.78rem;font-weight:600;background:#fff;color:var(--fg);border:1px solid var(--line);border-radius:6px}
.tile-actions button.delete{margin-left:auto}
.tile-actions button:hover{background:var(--bg)}.tile-actions button:disabled{opacity:.4}
.tile-actions button[aria-pressed="true"]{background:#e8edfd;border-color:#c3cffa;color:var(--accent-dark)}
.tile-actions button.delete{color:var(--danger)}
.tile-rename{display:flex;gap:.3rem}.tile-rename input{padding:.3rem .45rem;font-size:.85rem}
.tile-rename button{margin:0;width:auto;padding:.3rem .6rem;font-size:.8rem}
.cover-hero{position:relative;min-height:min(68vh,36rem);border-radius:14px;overflow:hidden;background:#2a303c center/cover no-repeat;display:flex;align-items:flex-end;color:#fff;margin:0 0 1.5rem}
.cover-hero picture{position:absolute;inset:0}.cover-hero img{width:100%;height:100%;object-fit:cover;opacity:0;transition:opacity .5s}
.cover-hero picture.loaded img{opacity:1}
.cover-text{position:relative;width:100%;padding:5rem 2rem 2rem;background:linear-gradient(transparent,rgba(0,0,0,.62))}
.cover-text h1{font-size:clamp(1.9rem,4.5vw,3.2rem);line-height:1.15;margin:0;color:#fff;letter-spacing:.01em;text-shadow:0 1px 12px rgba(0,0,0,.3)}
.cover-text p{margin:.35rem 0 1.1rem;opacity:.92;font-size:1.05rem}
.view-photos{display:inline-block;padding:.6rem 1.3rem;border:1px solid rgba(255,255,255,.85);border-radius:999px;color:#fff;text-decoration:none;font-weight:600;background:rgba(0,0,0,.18)}
.view-photos:hover{background:rgba(255,255,255,.15)}
.gallery-tabs ul{list-style:none;display:flex;gap:.25rem;overflow-x:auto;margin:0 0 1rem;padding:0;border-bottom:1px solid var(--line)}
.gallery-tabs a{display:block;padding:.6rem .9rem;text-decoration:none;color:var(--muted);font-weight:600;border-bottom:3px solid transparent;white-space:nowrap}
.gallery-tabs a:hover{color:var(--fg)}.gallery-tabs a[aria-current="page"]{color:var(--fg);border-bottom-color:var(--accent)}
.photo-toolbar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem .75rem;margin:0 0 .75rem}
.photo-toolbar .muted{margin:0}
.photo-toolbar .actions button,.button-link{margin:0;width:auto}
.button-link{display:inline-block;padding:.5rem .9rem;border-radius:8px;border:1px solid var(--line);background:#fff;color:var(--fg);font-weight:600;text-decoration:none}
.button-link:hover{background:var(--bg)}
button.toggle[aria-pressed="true"]{background:#fde8ec;border-color:#f7b9c6;color:#b4213f}
.photo-grid.justified{display:flex;flex-wrap:wrap;align-items:flex-start;gap:6px}
.photo-grid.justified::after{content:"";flex-grow:1000000}
.photo-grid.justified>li{position:relative;flex-grow:calc(var(--ratio) * 100);flex-basis:calc(var(--ratio) * 230px);min-width:0}
.photo-grid.justified>li::before{content:"";display:block;padding-bottom:calc(100% / var(--ratio))}
.photo-grid.justified>li.empty{flex-basis:100%}.photo-grid.justified>li.empty::before{display:none}
.open-photo{position:absolute;inset:0;display:block;width:100%;height:100%;margin:0;padding:0;border:0;border-radius:4px;overflow:hidden;cursor:zoom-in;background:#e9ecf1 center/cover no-repeat}
.open-photo picture,.open-photo img{display:block;width:100%;height:100%}
.open-photo img{object-fit:cover;opacity:0;transition:opacity .3s}.open-photo picture.loaded img{opacity:1}
.open-photo:hover{background-color:#e9ecf1}
.play-badge{position:absolute;left:.45rem;bottom:.45rem;width:1.9rem;height:1.9rem;border-radius:999px;background:rgba(0,0,0,.55);color:#fff;font-size:.8rem;line-height:1;display:grid;place-items:center;padding-left:.12rem;pointer-events:none}
.heart{position:absolute;right:.4rem;bottom:.4rem;width:2.25rem;height:2.25rem;margin:0;padding:0;border-radius:999px;background:rgba(0,0,0,.38);color:#fff;font-size:1.15rem;line-height:1;display:grid;place-items:center;opacity:0;transition:opacity .15s}
.heart:hover{background:rgba(0,0,0,.55)}
.photo-grid li:hover .heart,.heart:focus,.heart[aria-pressed="true"]{opacity:1}
.heart[aria-pressed="true"]{color:#e11d48;background:rgba(255,255,255,.92)}
@media (hover:none){.heart{opacity:1}}
dialog.lightbox{max-width:none;max-height:none;width:100vw;height:100vh;height:100dvh;margin:0;padding:0;border:0;border-radius:0;background:#0e1015;color:#fff;overflow:hidden}
dialog.lightbox[open]{display:grid;grid-template-rows:auto minmax(0,1fr)}
dialog.lightbox::backdrop{background:#0e1015}
.lb-bar{display:flex;align-items:center;gap:.75rem;padding:.5rem .75rem;min-width:0}
.lb-counter{margin:0;color:#aab2bf;font-size:.9rem;white-space:nowrap}
.lb-title{margin:0;flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-weight:600}
.lb-actions{display:flex;gap:.4rem}
.lb-button{margin:0;width:auto;min-height:2.4rem;background:rgba(255,255,255,.08);color:#fff;border:1px solid rgba(255,255,255,.16);border-radius:8px;padding:.4rem .75rem;font-weight:600;font-size:.9rem;text-decoration:none;display:inline-flex;align-items:center;gap:.4rem}
.lb-button:hover{background:rgba(255,255,255,.18)}.lb-button[aria-pressed="true"]{color:#ff6b87}
.menu{position:relative}.menu>summary{list-style:none;cursor:pointer}.menu>summary::-webkit-details-marker{display:none}
.menu-list{position:absolute;right:0;top:calc(100% + .3rem);z-index:5;min-width:12rem;background:#fff;border:1px solid var(--line);border-radius:10px;box-shadow:0 8px 24px rgba(0,0,0,.16);padding:.3rem;display:flex;flex-direction:column}
.menu-list a{padding:.5rem .75rem;border-radius:6px;color:var(--fg);text-decoration:none;font-weight:500;white-space:nowrap}
.menu-list a:hover,.menu-list a:focus{background:var(--bg)}
.lightbox .menu-list{background:#1c1f27;border-color:rgba(255,255,255,.16)}.lightbox .menu-list a{color:#fff}
.lightbox .menu-list a:hover,.lightbox .menu-list a:focus{background:rgba(255,255,255,.12)}
.download-gallery summary.button-link,.download-gallery a.button-link{display:inline-block}
.lb-button:focus,.lb-nav:focus{outline:3px solid rgba(140,170,255,.8);outline-offset:1px}
.lb-stage{position:relative;min-height:0;padding:0 4.25rem 1rem;touch-action:pan-y pinch-zoom;user-select:none}
.lb-frame,.lb-frame picture{display:block;width:100%;height:100%}
.lb-frame img{display:block;width:100%;height:100%;object-fit:contain;background:center/contain no-repeat}
.lb-frame video{display:block;width:100%;height:100%;object-fit:contain;background:#000}
.lb-frame video:focus-visible{outline:3px solid rgba(140,170,255,.8);outline-offset:-3px}
.lb-frame picture.loaded img{background-image:none!important}
.lb-nav{position:absolute;top:50%;transform:translateY(-50%);width:3rem;height:4.5rem;margin:0;padding:0;background:rgba(255,255,255,.07);color:#fff;font-size:2.2rem;line-height:1;border-radius:8px}
.lb-nav:hover{background:rgba(255,255,255,.18)}.lb-nav:disabled{opacity:.2}
.lb-nav.prev{left:.6rem}.lb-nav.next{right:.6rem}
@media (max-width:640px){.photo-grid.studio{grid-template-columns:repeat(2,minmax(0,1fr));gap:.6rem}
.photo-grid.justified{gap:4px}.photo-grid.justified>li{flex-basis:calc(var(--ratio) * 150px)}
.cover-hero{min-height:62vh;border-radius:10px;margin:0 -0.25rem 1.25rem}.cover-text{padding:4rem 1.25rem 1.5rem}
.upload{grid-template-columns:minmax(0,1fr) auto}.upload-state{grid-column:1 / -1;grid-row:3}
.lb-stage{padding:0 0 4.5rem}.lb-nav{top:auto;bottom:.75rem;transform:none;height:3rem;background:rgba(255,255,255,.1)}
.lb-label{display:none}.lb-title{font-size:.9rem}.lb-bar{gap:.5rem;padding:.4rem .5rem}}
/* Last, so that it wins over the fades above. */
@media (prefers-reduced-motion:reduce){.tile[data-status="processing"] .frame::after{animation:none}.frame img,.open-photo img,.cover-hero img,.heart{transition:none}}
`;
