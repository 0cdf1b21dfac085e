import { type NumericResource, newNumericId } from '@proofsheet/protocol';
import type { Random } from '../deps.js';

/** Draws before giving up: with 90 million collection IDs, five collisions in a row mean a bug. */
const ATTEMPTS = 5;

/**
 * Draws numeric IDs until `create` accepts one (it returns `false` when the ID is taken) and
 * returns that ID. The database's unique key decides, so two servers cannot take one ID.
 */
export async function createWithFreshId(
  kind: NumericResource,
  random: Random,
  create: (id: number) => Promise<boolean>,
): Promise<number> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const id = newNumericId(kind, (n) => random.bytes(n));
    if (await create(id)) return id;
  }
  throw new Error(`Could not draw a free ${kind} ID in ${ATTEMPTS} attempts`);
}
