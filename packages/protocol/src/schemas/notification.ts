import { type Static, Type } from '@sinclair/typebox';
import { ID_PATTERNS } from '../ids.js';
import { Closed } from './closed.js';
import { examplesOf, withExamples } from './examples.js';

/** The events that create notifications. */
export const NOTIFICATION_TYPES = [
  'client_created',
  'collection_shared',
  'gallery_favorited',
  'favorites_submitted',
  'photo_commented',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const NotificationId = Type.String({ pattern: ID_PATTERNS.notification });

/** A notification the system created on an event. */
export const Notification = withExamples(
  Closed({
    id: NotificationId,
    type: Type.Union(NOTIFICATION_TYPES.map((t) => Type.Literal(t))),
    title: Type.String(),
    message: Type.String(),
    /** IDs of what the event concerns, e.g. `{"client_id": "cl_…"}`. */
    subject: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
    read: Type.Boolean(),
    read_at: Type.Union([Type.String(), Type.Null()]),
    created_at: Type.String(),
  }),
  [
    {
      id: 'nt_wkuvKdVl5sBrYylVEZq7C7rKDLcnxA',
      type: 'client_created',
      title: 'New client',
      message: 'Ada Lovelace was added as a client.',
      subject: { client_id: 'cl_yt66iZb6VzarnvboEzX6KS5JVYUq15' },
      read: false,
      read_at: null,
      created_at: '2026-03-14T09:26:53.000000Z',
    },
  ],
);
export type Notification = Static<typeof Notification>;

/** `GET /api/v1/notifications/all`: newest first. */
export const NotificationList = withExamples(
  Closed({
    data: Type.Array(Notification),
    meta: Closed({ unread_count: Type.Integer(), total: Type.Integer() }),
  }),
  [{ data: examplesOf(Notification), meta: { unread_count: 1, total: 1 } }],
);
export type NotificationList = Static<typeof NotificationList>;

/** Query of `GET /api/v1/notifications/all`. */
export const NotificationListQuery = Closed({
  unread: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});
export type NotificationListQuery = Static<typeof NotificationListQuery>;
