/** Runs `write` over `items` with at most `width` calls in flight: bulk seeding over a network. */
export async function seedConcurrently<T>(
  items: readonly T[],
  write: (item: T) => Promise<void>,
  width = 32,
): Promise<void> {
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await write(item);
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}
