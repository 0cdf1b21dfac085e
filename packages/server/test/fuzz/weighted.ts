import type fc from 'fast-check';

/** A weighted choice for `fc.oneof`: `fc.oneof(w(9, common), w(1, rare))`. */
export const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
