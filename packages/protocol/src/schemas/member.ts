import { type Static, Type } from '@sinclair/typebox';
import { ID_PATTERNS } from '../ids.js';
import { ROLES } from '../roles.js';
import { Closed } from './closed.js';
import { withExamples } from './examples.js';
import { Envelope, PAGE_PARAMS, Page } from './pagination.js';

export const UserId = Type.String({ pattern: ID_PATTERNS.user });

/** A user of the studio, as its owners see them. */
export const Member = withExamples(
  Closed({
    id: UserId,
    email: Type.String(),
    first_name: Type.String(),
    last_name: Type.String(),
    role: Type.Union(ROLES.map((r) => Type.Literal(r))),
    created_at: Type.String(),
  }),
  [
    {
      id: 'us_janZ1MDhlZ1qupfT1hOJMU4liwVThF',
      email: 'owner@example.com',
      first_name: 'Dana',
      last_name: 'Reyes',
      role: 'owner',
      created_at: '2026-03-14T09:26:53.000Z',
    },
  ],
);
export type Member = Static<typeof Member>;

/** `PUT /api/v1/members/{userId}`: the member after the change. */
export const MemberResponse = Envelope(Member);
export type MemberResponse = Static<typeof MemberResponse>;

/** `GET /api/v1/members`: oldest first, so the studio's first owner leads. */
export const MemberPage = Page(Member, '/api/v1/members');
export type MemberPage = Static<typeof MemberPage>;

/** Query of `GET /api/v1/members`: paging only. */
export const MemberQuery = Closed({ ...PAGE_PARAMS });
export type MemberQuery = Static<typeof MemberQuery>;

/** The body of `PUT /api/v1/members/{userId}`. */
export const MemberRoleUpdate = withExamples(
  Closed({ role: Type.Union(ROLES.map((r) => Type.Literal(r))) }),
  [{ role: 'assistant' }],
);
export type MemberRoleUpdate = Static<typeof MemberRoleUpdate>;
