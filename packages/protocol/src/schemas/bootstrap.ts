import { type Static, Type } from '@sinclair/typebox';
import { Closed } from './closed.js';
import { UserProfile } from './user.js';

/** `GET /api/v1/data/bootstrap`: what the Gallery app loads at start-up. */
export const Bootstrap = Closed({
  account: Closed({
    id: Type.String(),
    name: Type.String(),
    plan: Type.String(),
    created_at: Type.String(),
  }),
  user: UserProfile,
  custom_url: Closed({
    subdomain: Type.String(),
    domain: Type.Union([Type.String(), Type.Null()]),
    url: Type.String(),
  }),
  workspace: Closed({
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
