import { type Static, Type } from '@sinclair/typebox';
import { Closed } from './closed.js';
import { withExamples } from './examples.js';

/** Where the mark goes; `tiled` repeats it over the whole picture. */
export const WATERMARK_POSITIONS = [
  'center',
  'top-left',
  'top-right',
  'bottom-left',
  'bottom-right',
  'tiled',
] as const;

const Position = Type.Union(WATERMARK_POSITIONS.map((p) => Type.Literal(p)));
const Kind = Type.Union([Type.Literal('text'), Type.Literal('logo')]);
/** Percentages, as whole numbers: 5 to 100. */
const Percent = Type.Integer({ minimum: 5, maximum: 100 });

/**
 * The studio's watermark. It is put on what clients and share-link visitors see of the
 * collections that turn it on; originals, downloads and the studio's own views never carry it.
 */
export const Watermark = withExamples(
  Closed({
    kind: Kind,
    /** The text of a text mark, usually the studio's name. */
    text: Type.String(),
    /** Whether a logo has been uploaded (`PUT /api/v1/watermark/logo`). */
    has_logo: Type.Boolean(),
    /** How opaque the mark is, in percent. */
    opacity: Percent,
    /** The mark's width as a percentage of the picture's width. */
    scale: Percent,
    position: Position,
    updated_at: Type.Union([Type.String(), Type.Null()]),
  }),
  [
    {
      kind: 'text',
      text: 'Lumen Studio',
      has_logo: false,
      opacity: 60,
      scale: 30,
      position: 'bottom-right',
      updated_at: '2026-03-14T09:26:53.000000Z',
    },
  ],
);
export type Watermark = Static<typeof Watermark>;

/** The body of `PUT /api/v1/watermark`: the fields to change, at least one. */
export const WatermarkUpdate = withExamples(
  Closed(
    {
      kind: Type.Optional(Kind),
      text: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
      opacity: Type.Optional(Percent),
      scale: Type.Optional(Percent),
      position: Type.Optional(Position),
    },
    { minProperties: 1 },
  ),
  [{ kind: 'text', text: 'Lumen Studio', opacity: 60 }],
);
export type WatermarkUpdate = Static<typeof WatermarkUpdate>;

/** Whether a collection's pictures carry the studio's watermark for clients and visitors. */
export const CollectionWatermark = withExamples(Closed({ enabled: Type.Boolean() }), [
  { enabled: true },
]);
export type CollectionWatermark = Static<typeof CollectionWatermark>;
