import { PHOTO_CSS } from './photo-styles.js';
import { VISITOR_CSS } from './visitor-styles.js';

/** The shared stylesheet: light, readable, and fine on a phone. */
export const APP_CSS = `:root{--fg:#1d2330;--muted:#5b6475;--bg:#f6f7f9;--card:#fff;--line:#dfe3ea;--accent:#2f5bea;--accent-dark:#2248c4;--danger:#c62828;--ok:#1b7f3b;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
*{box-sizing:border-box}body{margin:0;line-height:1.5}[hidden]{display:none!important}
main.auth{min-height:100vh;display:grid;place-items:center;padding:1rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:2rem;width:100%;max-width:24rem;box-shadow:0 1px 3px rgba(0,0,0,.05)}
.card details{margin-top:1.25rem}.card summary{cursor:pointer;color:var(--accent)}ul.codes{columns:2;padding-left:1.25rem;font-size:1.05rem}
h1{font-size:1.4rem;margin:0 0 .25rem}.muted{color:var(--muted);margin-top:0}
h2{font-size:1.1rem;margin:0 0 .5rem}
label{display:block;font-weight:600;margin:1rem 0 .25rem}
input,select,textarea{width:100%;font:inherit;padding:.6rem .7rem;border:1px solid var(--line);border-radius:8px;background:#fff;color:var(--fg)}
input:focus,select:focus,textarea:focus,button:focus,a:focus{outline:3px solid rgba(47,91,234,.35);outline-offset:1px}
button{font:inherit;font-weight:600;border:0;border-radius:8px;padding:.65rem 1rem;background:var(--accent);color:#fff;cursor:pointer;margin-top:1.25rem;width:100%}
button:hover{background:var(--accent-dark)}button:disabled{opacity:.55;cursor:not-allowed}
.alert{background:#fdecea;color:var(--danger);border-radius:8px;padding:.6rem .8rem}
.message-text{white-space:pre-wrap;overflow-wrap:anywhere;font:inherit;background:#f6f6f6;border-radius:8px;padding:.8rem}
.notice{background:#e8f4ea;color:#1e5a2b;border-radius:8px;padding:.6rem .8rem}
a{color:var(--accent)}
.visually-hidden{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.skip-link{position:absolute;left:.5rem;top:-3rem;background:var(--accent);color:#fff;padding:.5rem .8rem;border-radius:8px;z-index:10}.skip-link:focus{top:.5rem}
.topbar{background:var(--card);border-bottom:1px solid var(--line)}
.topbar-inner{max-width:64rem;margin:0 auto;padding:.5rem 1rem;display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1.25rem}
.brand{font-weight:700;color:var(--fg);text-decoration:none;font-size:1.05rem}.brand span{color:var(--accent)}
.topbar nav{flex:1 1 auto}.topbar nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
.topbar nav a{display:inline-block;padding:.45rem .65rem;border-radius:8px;color:var(--fg);text-decoration:none;font-weight:500}
.topbar nav a:hover{background:var(--bg)}.topbar nav a[aria-current="page"]{background:#e8edfd;color:var(--accent-dark);font-weight:600}
.badge{display:inline-block;min-width:1.4em;padding:0 .4em;margin-left:.3em;border-radius:999px;background:var(--danger);color:#fff;font-size:.75rem;text-align:center;line-height:1.4em}
.who{display:flex;align-items:center;gap:.75rem;font-size:.9rem;color:var(--muted)}
.who-name,.who-studio{max-width:12rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}.who-studio{padding-left:.75rem;border-left:1px solid var(--line)}
.signout{margin:0}.link-button{background:none;color:var(--accent);padding:.45rem .5rem;margin:0;width:auto;font-weight:600}.link-button:hover{background:var(--bg)}
main.page{max-width:64rem;margin:0 auto;padding:1.25rem 1rem 3rem}main.page:focus{outline:none}
.status{min-height:1.5em;margin:.25rem 0;color:var(--ok);font-weight:500}
.panel{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:1.25rem;margin:0 0 1.25rem;box-shadow:0 1px 3px rgba(0,0,0,.04)}
.panel h2:focus{outline:none}
.toolbar{display:flex;flex-wrap:wrap;align-items:flex-end;justify-content:space-between;gap:.75rem;margin:0 0 1rem}
.toolbar .muted{margin:0}
.search{display:flex;flex-wrap:wrap;align-items:flex-end;gap:.5rem;flex:1 1 28rem}
.search .field{flex:1 1 10rem}.search label{margin-top:0}.search button{width:auto;margin:0}
.primary-action{width:auto;margin:0}
button.secondary{background:#fff;color:var(--fg);border:1px solid var(--line)}button.secondary:hover{background:var(--bg)}
button.danger{background:var(--danger)}button.danger:hover{background:#a31f1f}
button.small{padding:.35rem .7rem;margin:0;width:auto;font-size:.9rem}
.actions{display:flex;flex-wrap:wrap;gap:.5rem}.actions button{width:auto}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:0 1rem}
.field label{margin-top:.75rem}.req{color:var(--danger)}
.hint{margin:.1rem 0 .3rem;color:var(--muted);font-size:.9rem}
.field-error{margin:.25rem 0 0;color:var(--danger);font-size:.9rem;font-weight:500}
[aria-invalid="true"]{border-color:var(--danger)}
.table-wrap{background:var(--card);border:1px solid var(--line);border-radius:12px;overflow:hidden}
table.data{width:100%;border-collapse:collapse}
.data th,.data td{text-align:left;padding:.65rem .8rem;border-bottom:1px solid var(--line);vertical-align:middle}
.data thead th{font-size:.85rem;color:var(--muted);font-weight:600;background:#fafbfc}
.data tbody tr:last-child>*{border-bottom:0}.data tbody th{font-weight:600}
.data .email{overflow-wrap:anywhere}.row-actions{white-space:nowrap;text-align:right}.row-actions button+button{margin-left:.4rem}
.empty{color:var(--muted);text-align:center;padding:1.5rem}
.tag{display:inline-block;padding:.05rem .5rem;border-radius:999px;background:#eef1f6;color:var(--muted);font-size:.8rem;font-weight:600;margin-left:.4rem}
.data .tag{margin-left:0}.tag-client{background:#e6f4ea;color:#1b6b35}.tag-lead{background:#fff4e0;color:#8a5300}
.pager{display:flex;align-items:center;justify-content:center;gap:1rem;margin:1rem 0}.pager button{width:auto;margin:0}
.rows{list-style:none;margin:0 0 1rem;padding:0;background:var(--card);border:1px solid var(--line);border-radius:12px}
.row{display:flex;align-items:center;justify-content:space-between;gap:1rem;padding:.75rem 1rem;border-bottom:1px solid var(--line)}.row:last-child{border-bottom:0}
.row-main{display:flex;flex-direction:column;min-width:0}.row-main a{font-weight:600}
.row.unread{border-left:4px solid var(--accent)}
.row-main{flex:1 1 auto;overflow-wrap:anywhere}.row>select{width:auto;flex:0 0 auto;margin:0}
.inline-form .actions{margin-top:.75rem}
dialog{border:1px solid var(--line);border-radius:12px;padding:1.5rem;max-width:26rem;width:calc(100% - 2rem)}
dialog::backdrop{background:rgba(29,35,48,.45)}
dl.settings{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem;margin:0}dl.settings dt{color:var(--muted)}dl.settings dd{margin:0;overflow-wrap:anywhere}
@media (max-width:640px){.wide-only{display:none}.topbar-inner{padding:.5rem .75rem}.who-name{display:none}
.data thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.data tbody tr{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:.1rem .75rem;padding:.7rem .8rem;border-bottom:1px solid var(--line)}
.data tbody tr:last-child{border-bottom:0}.data tbody th,.data tbody td{display:block;padding:0;border:0;grid-column:1}
.data tbody td.email{color:var(--muted);font-size:.9rem}.data tbody td.wide-only{display:none}.data tbody td.empty{grid-column:1 / -1;padding:1rem 0}
.data tbody td.row-actions{grid-column:2;grid-row:1 / span 3;align-self:center;display:flex;flex-direction:column;gap:.35rem}
.row-actions button+button{margin-left:0}.row{flex-wrap:wrap}
.search button,.primary-action{flex:1 1 auto}.card{padding:1.5rem}}
${PHOTO_CSS}${VISITOR_CSS}`;
