/** Video posters with ffmpeg, and the placeholder without it. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import sharp from 'sharp';
import {
  findVideoTools,
  placeholderPoster,
  posterFrame,
  probeVideo,
} from '../../src/photos/video.js';
import { TOOLS, toolsSkip } from '../helpers/tools.js';

const exec = promisify(execFile);

test('without ffmpeg the placeholder is a 16:9 JPEG', async () => {
  const meta = await sharp(await placeholderPoster()).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 1600, 900]);
});

test('tools are looked up on PATH, and absent when PATH has none', () => {
  assert.equal(findVideoTools({ PATH: '/nonexistent' }), null);
});

describe('with ffmpeg', async () => {
  const skip = await toolsSkip(TOOLS.ffmpeg);
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'proofsheet-video-test-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('a portrait phone clip: size after rotation, duration, and a frame as the poster', {
    skip,
  }, async () => {
    const tools = findVideoTools();
    assert.ok(tools);
    const landscape = join(dir, 'landscape.mp4');
    const path = join(dir, 'clip.mp4');
    await exec('ffmpeg', [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=25', '-t', '3'],
      ...['-pix_fmt', 'yuv420p', '-y', landscape],
    ]);
    // 640×360 stored, rotated 90° for display, as phones record portrait video. A stream copy
    // writes the rotation as a display matrix, as cameras do.
    await exec('ffmpeg', [
      ...['-v', 'error', '-i', landscape, '-c', 'copy', '-metadata:s:v:0', 'rotate=90'],
      ...['-y', path],
    ]);
    const info = await probeVideo(tools, path);
    assert.deepEqual([info.width, info.height], [360, 640]);
    assert.ok(info.duration !== null && Math.abs(info.duration - 3) < 0.2, `${info.duration}`);
    const poster = await sharp(await posterFrame(tools, path, info.duration)).metadata();
    assert.deepEqual([poster.format, poster.width, poster.height], ['jpeg', 360, 640]);
    assert.ok((await readFile(path)).length > 0);
  });
});
