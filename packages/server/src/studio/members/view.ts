import type { Member } from '@proofsheet/protocol';
import type { UserRecord } from '../../storage/ports/user-store.js';

/** A user as the studio's owners see them: never the password hash. */
export function toMember(user: UserRecord): Member {
  return {
    id: user.id,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    role: user.role,
    created_at: user.createdAt.toISOString(),
  };
}
