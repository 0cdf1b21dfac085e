import { type Static, Type } from '@sinclair/typebox';
import { Closed } from './closed.js';
import { exampleOf, withExamples } from './examples.js';
import { UserProfile } from './user.js';

/** `GET /api/v1/data/bootstrap`: what the Gallery app loads at start-up. */
export const Bootstrap = withExamples(
  Closed({
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
  }),
  [
    {
      account: {
        id: 'ac_zttpSw1OHsHXUrE9v66eDyyVCefutq',
        name: 'Reyes Photography',
        plan: 'pro',
        created_at: '2026-01-05T08:00:00.000000Z',
      },
      user: exampleOf(UserProfile),
      custom_url: {
        subdomain: 'reyesphoto',
        domain: null,
        url: 'https://gallery.example.com',
      },
      workspace: {
        name: 'Reyes Photography',
        timezone: 'America/Los_Angeles',
        currency: 'USD',
        locale: 'en-US',
        date_format: 'MM/DD/YYYY',
        watermark_enabled: false,
        default_download: true,
      },
    },
  ],
);
export type Bootstrap = Static<typeof Bootstrap>;
