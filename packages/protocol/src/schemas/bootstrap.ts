import { type Static, Type } from '@sinclair/typebox';
import { UserProfile } from './user.js';

/** `GET /api/v1/data/bootstrap`: what the Gallery app loads at start-up. */
export const Bootstrap = Type.Object({
  account: Type.Object({
    id: Type.String(),
    name: Type.String(),
    plan: Type.String(),
    created_at: Type.String(),
  }),
  user: UserProfile,
  custom_url: Type.Object({
    subdomain: Type.String(),
    domain: Type.Union([Type.String(), Type.Null()]),
    url: Type.String(),
  }),
  workspace: Type.Object({
    name: Type.String(),
    timezone: Type.String(),
    currency: Type.String(),
    locale: Type.String(),
    date_format: Type.String(),
    watermark_enabled: Type.Boolean(),
    default_download: Type.Boolean(),
  }),
});
export type Bootstrap = Static<typeof Bootstrap>;
