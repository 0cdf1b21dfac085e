import { type Static, Type } from '@sinclair/typebox';
import { ID_PATTERNS } from '../ids.js';
import { ROLES } from '../roles.js';
import { Closed } from './closed.js';
import { examplesOf, withExamples } from './examples.js';

export const AccountId = Type.String({ pattern: ID_PATTERNS.account });

/** A studio the signed-in user belongs to, as their studio switcher shows it. */
export const StudioMembership = withExamples(
  Closed({
    id: AccountId,
    name: Type.String(),
    /** Their role in that studio: a user may own one studio and assist in another. */
    role: Type.Union(ROLES.map((r) => Type.Literal(r))),
    /** Whether the current session is signed in to it. */
    current: Type.Boolean(),
    joined_at: Type.String(),
  }),
  [
    {
      id: 'ac_zttpSw1OHsHXUrE9v66eDyyVCefutq',
      name: 'Reyes Photography',
      role: 'owner',
      current: true,
      joined_at: '2026-03-14T09:26:53.000Z',
    },
    {
      id: 'ac_Hq8Lw2Xv5Nc0Tb7Ym3Rk9Fd1Gs4Pz6',
      name: 'Okafor Weddings',
      role: 'assistant',
      current: false,
      joined_at: '2026-05-02T16:04:11.000Z',
    },
  ],
);
export type StudioMembership = Static<typeof StudioMembership>;

/**
 * `GET /api/v1/account/studios`: every studio of the user, the first joined first, and
 * whether they may open one more of their own (`POST`: sign-up is open on this server).
 */
export const StudioMembershipList = withExamples(
  Closed({
    data: Type.Array(StudioMembership),
    meta: Closed({ can_create: Type.Boolean() }),
  }),
  [{ data: examplesOf(StudioMembership), meta: { can_create: false } }],
);
export type StudioMembershipList = Static<typeof StudioMembershipList>;

/** The body of `POST /api/v1/account/studios`: a new studio, owned by the signed-in user. */
export const StudioCreate = withExamples(
  Closed({ name: Type.String({ minLength: 1, maxLength: 100 }) }),
  [{ name: 'Okafor Portraits' }],
);
export type StudioCreate = Static<typeof StudioCreate>;

/** `POST /api/v1/account/studios`: the new studio; the session stays where it was. */
export const StudioCreated = withExamples(Closed({ data: StudioMembership }), [
  {
    data: {
      id: 'ac_Hq8Lw2Xv5Nc0Tb7Ym3Rk9Fd1Gs4Pz6',
      name: 'Okafor Portraits',
      role: 'owner',
      current: false,
      joined_at: '2026-05-02T16:04:11.000Z',
    },
  },
]);
export type StudioCreated = Static<typeof StudioCreated>;

/** The body of `POST /api/v1/account/studios/switch`: the studio to open. */
export const StudioSwitch = withExamples(
  Closed({ account_id: Type.String({ pattern: ID_PATTERNS.account, maxLength: 40 }) }),
  [{ account_id: 'ac_Hq8Lw2Xv5Nc0Tb7Ym3Rk9Fd1Gs4Pz6' }],
);
export type StudioSwitch = Static<typeof StudioSwitch>;
