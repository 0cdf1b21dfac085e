/**
 * The demo studio's photos: landscapes drawn with sharp (an SVG of a sky, a sun, hills and a
 * caption, rendered to JPEG), each with the EXIF a camera writes (make, model, lens, capture
 * time, and for the wedding a GPS position, which processing must strip). Drawn from a fixed
 * seed per photo, so every fresh install shows the same pictures.
 */
import sharp from 'sharp';

/** The look and the camera of one demo collection's photos. */
export interface DemoLook {
  /** Sky from top to bottom, then three hills from far to near. */
  sky: readonly [string, string];
  hills: readonly [string, string, string];
  sun: string;
  make: string;
  model: string;
  lens: string;
  /** How the camera names its files: `DSCF` → `DSCF0412.jpg`. */
  filePrefix: string;
  /** Where the pictures were taken, if the camera recorded it. */
  gps?: { latitude: number; longitude: number };
}

/** One demo photo to draw. */
export interface DemoPhotoSpec {
  filename: string;
  /** The caption drawn into the picture: the gallery's name. */
  caption: string;
  /** Its number in the gallery, from 1. */
  number: number;
  portrait: boolean;
  /** Capture time as EXIF writes it: local, no zone (`2026-06-14T15:42:10`). */
  takenAt: string;
  look: DemoLook;
  /** Seeds the shapes' randomness, so the same photo is drawn every time. */
  seed: number;
}

/** The long edge of a demo original: small enough to draw and process quickly, still crisp. */
export const DEMO_LONG_EDGE = 2400;

/** A small, fast generator of numbers in [0, 1) from a seed (mulberry32). Art, not secrets. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A hill's outline across the frame: a few smooth bumps around `base` (0 top, 1 bottom). */
function hillPath(w: number, h: number, base: number, rise: number, rand: () => number): string {
  const points = 5 + Math.floor(rand() * 3);
  const ys = Array.from({ length: points + 1 }, () => h * (base - rise * rand()));
  let d = `M 0 ${h} L 0 ${ys[0]?.toFixed(1)}`;
  for (let i = 1; i <= points; i++) {
    const x0 = (w * (i - 1)) / points;
    const x1 = (w * i) / points;
    const mid = (x0 + x1) / 2;
    d += ` C ${mid.toFixed(1)} ${ys[i - 1]?.toFixed(1)} ${mid.toFixed(1)} ${ys[i]?.toFixed(1)} ${x1.toFixed(1)} ${ys[i]?.toFixed(1)}`;
  }
  return `${d} L ${w} ${h} Z`;
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The SVG of a demo photo at `w`×`h`. */
export function demoPhotoSvg(spec: DemoPhotoSpec, w: number, h: number): string {
  const rand = seeded(spec.seed);
  const { look } = spec;
  const sunX = w * (0.15 + 0.7 * rand());
  const sunY = h * (0.18 + 0.25 * rand());
  const sunR = Math.min(w, h) * (0.06 + 0.06 * rand());
  const bokeh = Array.from({ length: 7 }, () => {
    const r = Math.min(w, h) * (0.02 + 0.05 * rand());
    return `<circle cx="${(w * rand()).toFixed(0)}" cy="${(h * 0.55 * rand()).toFixed(0)}" r="${r.toFixed(0)}" fill="#fff" opacity="${(0.05 + 0.12 * rand()).toFixed(2)}"/>`;
  }).join('');
  const hills = look.hills
    .map((color, i) => {
      const base = 0.62 + 0.12 * i;
      return `<path d="${hillPath(w, h, base, 0.16 - 0.03 * i, rand)}" fill="${color}"/>`;
    })
    .join('');
  const edge = Math.min(w, h);
  const caption = escapeXml(spec.caption);
  const number = String(spec.number).padStart(2, '0');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">
<defs>
<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${look.sky[0]}"/><stop offset="1" stop-color="${look.sky[1]}"/></linearGradient>
<radialGradient id="glow"><stop offset="0" stop-color="${look.sun}" stop-opacity="0.9"/><stop offset="1" stop-color="${look.sun}" stop-opacity="0"/></radialGradient>
<linearGradient id="shade" x1="0" y1="0" x2="0" y2="1"><stop offset="0.6" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.35"/></linearGradient>
</defs>
<rect width="${w}" height="${h}" fill="url(#sky)"/>
<circle cx="${sunX.toFixed(0)}" cy="${sunY.toFixed(0)}" r="${(sunR * 3.2).toFixed(0)}" fill="url(#glow)"/>
<circle cx="${sunX.toFixed(0)}" cy="${sunY.toFixed(0)}" r="${sunR.toFixed(0)}" fill="${look.sun}"/>
${bokeh}${hills}
<rect width="${w}" height="${h}" fill="url(#shade)"/>
<text x="${(edge * 0.05).toFixed(0)}" y="${(h - edge * 0.06).toFixed(0)}" font-family="Lato, DejaVu Sans, sans-serif" font-size="${(edge * 0.055).toFixed(0)}" font-weight="700" fill="#fff" fill-opacity="0.92" letter-spacing="2">${caption}</text>
<text x="${(w - edge * 0.05).toFixed(0)}" y="${(h - edge * 0.06).toFixed(0)}" font-family="Lato, DejaVu Sans, sans-serif" font-size="${(edge * 0.04).toFixed(0)}" fill="#fff" fill-opacity="0.75" text-anchor="end">No. ${number}</text>
</svg>`;
}

/** Degrees as EXIF rationals (`d/1 m/1 s/100`), as libvips takes them. */
function exifDegrees(value: number): string {
  const abs = Math.abs(value);
  const degrees = Math.floor(abs);
  const minutes = Math.floor((abs - degrees) * 60);
  const seconds = Math.round(((abs - degrees) * 60 - minutes) * 6000);
  return `${degrees}/1 ${minutes}/1 ${seconds}/100`;
}

/** The EXIF of a demo photo, in the IFDs sharp's `withExif` takes. */
export function demoExif(spec: DemoPhotoSpec): Record<string, Record<string, string>> {
  const { look } = spec;
  const exif: Record<string, Record<string, string>> = {
    IFD0: { Make: look.make, Model: look.model, Software: 'Proofsheet demo' },
    IFD2: {
      LensModel: look.lens,
      DateTimeOriginal: spec.takenAt.replace('T', ' ').replace(/^(\d+)-(\d+)-/, '$1:$2:'),
    },
  };
  if (look.gps) {
    exif.IFD3 = {
      GPSLatitudeRef: look.gps.latitude < 0 ? 'S' : 'N',
      GPSLatitude: exifDegrees(look.gps.latitude),
      GPSLongitudeRef: look.gps.longitude < 0 ? 'W' : 'E',
      GPSLongitude: exifDegrees(look.gps.longitude),
    };
  }
  return exif;
}

/**
 * Draws a demo photo as a JPEG with its EXIF, `longEdge` pixels on its long side (3:2 or 2:3).
 * @default longEdge {@link DEMO_LONG_EDGE}
 */
export async function renderDemoPhoto(
  spec: DemoPhotoSpec,
  longEdge: number = DEMO_LONG_EDGE,
): Promise<Buffer> {
  const short = Math.round((longEdge * 2) / 3);
  const [w, h] = spec.portrait ? [short, longEdge] : [longEdge, short];
  return sharp(Buffer.from(demoPhotoSvg(spec, w, h)))
    .withExif(demoExif(spec))
    .jpeg({ quality: 84, mozjpeg: false })
    .toBuffer();
}
