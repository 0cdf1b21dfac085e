/** Both APIs on real sockets: the server's test studio, listening. */
import { type Config, createTestStudio, TEST_PASSWORD, type TestStudio } from '@proofsheet/server';

export const PASSWORD = TEST_PASSWORD;

export interface Servers extends TestStudio {
  studioUrl: string;
  galleryUrl: string;
  /** How many times the server rotated an auth token (refreshes that reached storage). */
  rotations(): number;
}

export async function startServers(overrides: Partial<Config> = {}): Promise<Servers> {
  const t = await createTestStudio(overrides);
  return { ...t, ...(await t.listen()), rotations: t.refreshes };
}
