/**
 * A client over a scripted `fetch`, a fake clock and a jar that already holds a session cookie:
 * what the tests that script the server's answers all start from.
 */
import { type ClientOptions, createClient, MemoryCookieJar } from '../../src/index.js';
import { fakeTime, fixedRandom, type Step, scriptedFetch } from './scripted-fetch.js';

export const STUDIO = 'http://studio.test';

export async function scriptedClient(
  steps: Step[],
  options: Partial<ClientOptions> = {},
  sessionCookie = 'session_cookie=s1; Path=/',
) {
  const scripted = scriptedFetch(steps);
  const time = fakeTime();
  const jar = new MemoryCookieJar();
  await jar.setCookie(sessionCookie, STUDIO);
  const client = createClient({
    studioUrl: STUDIO,
    galleryUrl: 'http://gallery.test',
    fetch: scripted.fetch,
    cookieJar: jar,
    clock: time.clock,
    sleep: time.sleep,
    random: fixedRandom(0),
    validateResponses: true,
    ...options,
  });
  return { client, log: scripted.log, jar };
}
