/**
 * The visitor's page's part of the stylesheet: its header has no navigation, so the visitor's
 * email and the Leave button go to the right; a single-photo link's photo fills the screen's
 * width, no taller than the screen.
 */
export const VISITOR_CSS = `.visitor-bar .who{margin-left:auto;min-width:0}.visitor-bar .who-name{max-width:min(24rem,50vw)}
.visitor-photo{margin:0 0 1.5rem}
.visitor-frame{display:flex;justify-content:center;border-radius:12px;overflow:hidden;background:transparent center/contain no-repeat}
.visitor-frame picture,.visitor-frame img{display:block;max-width:100%;height:auto;max-height:72vh;object-fit:contain}
.visitor-frame img{border-radius:12px}
.visitor-video{display:block;width:100%;max-height:72vh;border-radius:12px;background:#000}
.visitor-photo figcaption{margin:.6rem 0 0;font-weight:600}
.visitor-photo figcaption span{min-width:0;overflow-wrap:anywhere}
`;
