import { type Static, Type } from '@sinclair/typebox';
import { ID_PATTERNS } from '../ids.js';
import { Closed } from './closed.js';
import { withExamples } from './examples.js';
import { PAGE_PARAMS, Page } from './pagination.js';

/** Where a message is on its way: waiting for the mail worker, delivered, or given up on. */
export const MESSAGE_STATUSES = ['queued', 'sent', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** How messages leave: by SMTP, or into the local outbox alone (no SMTP configured). */
export const MAIL_TRANSPORTS = ['smtp', 'outbox'] as const;
export type MailTransport = (typeof MAIL_TRANSPORTS)[number];

/** What a message is about. */
export const MESSAGE_KINDS = [
  'password_reset',
  'invitation',
  'sign_up',
  'email_change',
  'email_change_notice',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const MessageId = Type.String({ pattern: ID_PATTERNS.message });

/** One email of the outbox, with its plain-text body (links in it are the page's to show). */
export const OutboxMessage = withExamples(
  Closed({
    id: MessageId,
    kind: Type.Union(MESSAGE_KINDS.map((k) => Type.Literal(k))),
    to: Type.String(),
    from: Type.String(),
    subject: Type.String(),
    text: Type.String(),
    status: Type.Union(MESSAGE_STATUSES.map((s) => Type.Literal(s))),
    transport: Type.Union(MAIL_TRANSPORTS.map((t) => Type.Literal(t))),
    attempts: Type.Integer({ minimum: 0 }),
    /** Why the last attempt failed (or, once `failed`, why the message was given up on). */
    last_error: Type.Union([Type.String(), Type.Null()]),
    created_at: Type.String(),
    sent_at: Type.Union([Type.String(), Type.Null()]),
  }),
  [
    {
      id: 'ml_Qx3T7vLm0pZk9Wb2Rc5Hn8Fd1Gs4Ya',
      kind: 'password_reset',
      to: 'owner@example.com',
      from: 'Proofsheet <no-reply@studio.example.com>',
      subject: 'Reset your Proofsheet password',
      text: 'Someone asked to reset the password of owner@example.com.\n\nTo choose a new one, open this link within 30 minutes:\nhttps://studio.example.com/reset-password?token=…\n\nIf it was not you, ignore this email: your password stays as it is.\n',
      status: 'sent',
      transport: 'smtp',
      attempts: 1,
      last_error: null,
      created_at: '2026-03-14T09:26:53.000Z',
      sent_at: '2026-03-14T09:26:54.000Z',
    },
  ],
);
export type OutboxMessage = Static<typeof OutboxMessage>;

/** `GET /api/v1/outbox`: newest first. */
export const OutboxPage = Page(OutboxMessage, '/api/v1/outbox');
export type OutboxPage = Static<typeof OutboxPage>;

/** Query of `GET /api/v1/outbox`: paging only. */
export const OutboxQuery = Closed({ ...PAGE_PARAMS });
export type OutboxQuery = Static<typeof OutboxQuery>;
