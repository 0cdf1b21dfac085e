import { type Static, Type } from '@sinclair/typebox';
import { ID_PATTERNS } from '../ids.js';
import { ROLES } from '../roles.js';
import { Closed } from './closed.js';
import { withExamples } from './examples.js';

/** The signed-in user, as login and session responses show them. */
export const UserProfile = withExamples(
  Closed({
    id: Type.String({ pattern: ID_PATTERNS.user }),
    email: Type.String(),
    first_name: Type.String(),
    last_name: Type.String(),
    role: Type.Union(ROLES.map((r) => Type.Literal(r))),
    account_id: Type.String(),
  }),
  [
    {
      id: 'us_janZ1MDhlZ1qupfT1hOJMU4liwVThF',
      email: 'owner@example.com',
      first_name: 'Dana',
      last_name: 'Reyes',
      role: 'owner',
      account_id: 'ac_zttpSw1OHsHXUrE9v66eDyyVCefutq',
    },
  ],
);
export type UserProfile = Static<typeof UserProfile>;
