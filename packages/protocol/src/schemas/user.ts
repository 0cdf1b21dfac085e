import { type Static, Type } from '@sinclair/typebox';
import { ID_PATTERNS } from '../ids.js';
import { ROLES } from '../roles.js';
import { Closed } from './closed.js';

/** The signed-in user, as login and session responses show them. */
export const UserProfile = Closed({
  id: Type.String({ pattern: ID_PATTERNS.user }),
  email: Type.String(),
  first_name: Type.String(),
  last_name: Type.String(),
  role: Type.Union(ROLES.map((r) => Type.Literal(r))),
  account_id: Type.String(),
});
export type UserProfile = Static<typeof UserProfile>;
