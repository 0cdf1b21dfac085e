import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import sharp from 'sharp';

/** What a video says about itself, read by ffprobe. */
export interface VideoInfo {
  /** Display size: after the rotation the file asks for. */
  width: number | null;
  height: number | null;
  /** Seconds. */
  duration: number | null;
  /** The container's creation time, ISO 8601, when it has one. */
  createdAt: string | null;
}

/** Where the ffmpeg tools are: both found, or neither (a poster needs both). */
export interface VideoTools {
  ffmpeg: string;
  ffprobe: string;
}

function onPath(name: string, path: string | undefined): string | null {
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  return null;
}

/**
 * ffmpeg and ffprobe from `PATH` (or `PROOFSHEET_FFMPEG`, a directory or the ffmpeg binary
 * itself, with ffprobe beside it), or `null` when either is missing: videos then get a
 * placeholder poster instead of a frame.
 */
export function findVideoTools(env: NodeJS.ProcessEnv = process.env): VideoTools | null {
  const configured = env.PROOFSHEET_FFMPEG;
  if (configured) {
    const dir = configured.endsWith('ffmpeg') ? configured.slice(0, -'ffmpeg'.length) : configured;
    const ffmpeg = onPath('ffmpeg', dir);
    const ffprobe = onPath('ffprobe', dir);
    return ffmpeg && ffprobe ? { ffmpeg, ffprobe } : null;
  }
  const ffmpeg = onPath('ffmpeg', env.PATH);
  const ffprobe = onPath('ffprobe', env.PATH);
  return ffmpeg && ffprobe ? { ffmpeg, ffprobe } : null;
}

function run(file: string, args: string[], timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs, windowsHide: true },
      (error, stdout, stderr) => {
        if (error) {
          const said = stderr.toString('utf8').trim().split('\n').slice(-3).join(' ');
          reject(new Error(`${file} failed: ${said || error.message}`, { cause: error }));
        } else resolve(stdout);
      },
    );
  });
}

interface ProbeStream {
  codec_type?: string;
  width?: number;
  height?: number;
  tags?: { rotate?: string };
  side_data_list?: { rotation?: number }[];
}

interface ProbeOutput {
  streams?: ProbeStream[];
  format?: { duration?: string; tags?: { creation_time?: string } };
}

/** Reads size, duration and creation time of the video file at `path`. */
export async function probeVideo(tools: VideoTools, path: string): Promise<VideoInfo> {
  const out = await run(
    tools.ffprobe,
    ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', path],
    30_000,
  );
  const probe = JSON.parse(out.toString('utf8')) as ProbeOutput;
  const video = probe.streams?.find((s) => s.codec_type === 'video');
  const rotation = Math.abs(
    Number(
      video?.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ??
        video?.tags?.rotate ??
        0,
    ),
  );
  const turned = rotation === 90 || rotation === 270;
  const width = video?.width ?? null;
  const height = video?.height ?? null;
  const duration = Number(probe.format?.duration);
  const created = probe.format?.tags?.creation_time;
  return {
    width: turned ? height : width,
    height: turned ? width : height,
    duration: Number.isFinite(duration) ? duration : null,
    createdAt:
      created && !Number.isNaN(Date.parse(created)) ? new Date(created).toISOString() : null,
  };
}

/**
 * One frame of the video as a JPEG: a second in (past fades from black), or the middle of a
 * shorter clip. ffmpeg applies the rotation the file asks for.
 */
export async function posterFrame(
  tools: VideoTools,
  path: string,
  duration: number | null,
): Promise<Buffer> {
  const at = duration !== null && duration < 2 ? duration / 2 : 1;
  return run(
    tools.ffmpeg,
    [
      ...['-v', 'error', '-ss', at.toFixed(3), '-i', path],
      ...['-frames:v', '1', '-f', 'image2pipe', '-vcodec', 'mjpeg', '-q:v', '2', 'pipe:1'],
    ],
    60_000,
  );
}

/**
 * A poster for a video without a frame (no ffmpeg here): a dark 16:9 card with a play mark,
 * so the grid still shows the video as a video.
 */
export async function placeholderPoster(width = 1600, height = 900): Promise<Buffer> {
  const r = Math.round(Math.min(width, height) / 6);
  const cx = width / 2;
  const cy = height / 2;
  const triangle = `${cx - r * 0.4},${cy - r * 0.6} ${cx - r * 0.4},${cy + r * 0.6} ${cx + r * 0.65},${cy}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <rect width="100%" height="100%" fill="#2b2f36"/>
  <circle cx="${cx}" cy="${cy}" r="${r}" fill="#ffffff" fill-opacity="0.18"/>
  <polygon points="${triangle}" fill="#ffffff" fill-opacity="0.9"/>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}
