/**
 * One hostile change to a valid JSON value, anywhere in it: a scalar swapped for a hostile one,
 * an array or object where a scalar belongs, an unknown or prototype-polluting key at any depth,
 * a key taken away, or a field nested far past the parser's bound.
 */
import fc from 'fast-check';
import {
  HOSTILE_KEYS,
  hostileKeyValue,
  hostileScalar,
  NESTING_DEPTHS,
  nestedJson,
  RawJson,
} from './hostile-values.js';
import { w } from './weighted.js';

type Path = ReadonlyArray<string | number>;

function isObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof RawJson)
  );
}

/** Every position in `value`, the root (`[]`) first. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...pathsOf(v, [...prefix, i]));
  } else if (isObject(value)) {
    for (const k of Object.keys(value)) out.push(...pathsOf(value[k], [...prefix, k]));
  }
  return out;
}

function valueAt(value: unknown, path: Path): unknown {
  let current = value;
  for (const step of path) current = (current as Record<string | number, unknown>)[step];
  return current;
}

/** Sets an own property, so that a key named `__proto__` stays a key instead of a prototype. */
function setOwn(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** A copy of `value` with `change` applied to the container at `path`. */
function rebuilt(value: unknown, path: Path, change: (at: unknown) => unknown): unknown {
  const [step, ...rest] = path;
  if (step === undefined) return change(value);
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[step as number] = rebuilt(value[step as number], rest, change);
    return copy;
  }
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(source)) {
    setOwn(copy, k, k === String(step) ? rebuilt(source[k], rest, change) : source[k]);
  }
  return copy;
}

function withKey(at: unknown, key: string, keyValue: unknown): unknown {
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(at as object)) setOwn(copy, k, (at as Record<string, unknown>)[k]);
  setOwn(copy, key, keyValue);
  return copy;
}

function withoutKey(at: unknown, key: string): unknown {
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(at as object)) {
    if (k !== key) setOwn(copy, k, (at as Record<string, unknown>)[k]);
  }
  return copy;
}

/** Characters that no text may hold (NUL, lone surrogates), and ones that often break it. */
const POISON = ['\u0000', 'a\u0000', '\ud800', '\udfff', '\u0000\ud800', '\u202e'] as const;

/**
 * `value` with one hostile change. Most often a string keeps its place and its type but gains
 * a character no text may hold: the one change that gets past validation to the store.
 */
export function mutated(value: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(value);
  const objects = paths.filter((p) => isObject(valueAt(value, p)));
  const keyed = objects.filter((p) => Object.keys(valueAt(value, p) as object).length > 0);
  const strings = paths.filter((p) => typeof valueAt(value, p) === 'string');
  const anywhere = fc.constantFrom(...paths);
  const mutations = [
    w(
      3,
      fc.tuple(anywhere, hostileScalar).map(([p, h]) => rebuilt(value, p, () => h)),
    ),
    w(
      1,
      anywhere.map((p) => rebuilt(value, p, (v) => [v])),
    ),
    w(
      1,
      anywhere.map((p) => rebuilt(value, p, (v) => [v, v])),
    ),
    w(
      1,
      anywhere.map((p) => rebuilt(value, p, (v) => ({ value: v }))),
    ),
    w(
      1,
      fc
        .tuple(
          anywhere,
          fc.constantFrom(...NESTING_DEPTHS),
          fc.constantFrom<'array' | 'object'>('array', 'object'),
        )
        .map(([p, depth, shape]) => rebuilt(value, p, () => new RawJson(nestedJson(depth, shape)))),
    ),
  ];
  if (strings.length > 0) {
    mutations.push(
      w(
        4,
        fc
          .tuple(fc.constantFrom(...strings), fc.constantFrom(...POISON), fc.nat())
          .map(([p, poison, at]) =>
            rebuilt(value, p, (v) => {
              const text = String(v);
              const cut = text.length === 0 ? 0 : at % (text.length + 1);
              return `${text.slice(0, cut)}${poison}${text.slice(cut)}`;
            }),
          ),
      ),
    );
  }
  if (objects.length > 0) {
    mutations.push(
      w(
        2,
        fc
          .tuple(fc.constantFrom(...objects), fc.constantFrom(...HOSTILE_KEYS), hostileKeyValue)
          .map(([p, key, v]) => rebuilt(value, p, (at) => withKey(at, key, v))),
      ),
    );
  }
  if (keyed.length > 0) {
    mutations.push(
      w(
        1,
        fc
          .constantFrom(...keyed)
          .chain((p) =>
            fc
              .constantFrom(...Object.keys(valueAt(value, p) as object))
              .map((key) => rebuilt(value, p, (at) => withoutKey(at, key))),
          ),
      ),
    );
  }
  return fc.oneof(...mutations);
}
