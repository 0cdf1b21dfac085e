/** The shared stylesheet: light, readable, and fine on a phone. */
export const APP_CSS = `:root{--fg:#1d2330;--muted:#5b6475;--bg:#f6f7f9;--card:#fff;--line:#dfe3ea;--accent:#2f5bea;--danger:#c62828;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
*{box-sizing:border-box}body{margin:0;line-height:1.5}
main.auth{min-height:100vh;display:grid;place-items:center;padding:1rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:2rem;width:100%;max-width:24rem;box-shadow:0 1px 3px rgba(0,0,0,.05)}
h1{font-size:1.4rem;margin:0 0 .25rem}.muted{color:var(--muted);margin-top:0}
label{display:block;font-weight:600;margin:1rem 0 .25rem}
input,select,textarea{width:100%;font:inherit;padding:.6rem .7rem;border:1px solid var(--line);border-radius:8px;background:#fff}
input:focus,select:focus,textarea:focus,button:focus{outline:3px solid rgba(47,91,234,.35);outline-offset:1px}
button{font:inherit;font-weight:600;border:0;border-radius:8px;padding:.65rem 1rem;background:var(--accent);color:#fff;cursor:pointer;margin-top:1.25rem;width:100%}
.alert{background:#fdecea;color:var(--danger);border-radius:8px;padding:.6rem .8rem}
`;
