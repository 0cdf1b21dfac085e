import type { UserProfile } from '@proofsheet/protocol';
import type { UserRecord } from '../storage/ports/user-store.js';

/** A user as the API shows them: never the password hash. */
export function toProfile(user: UserRecord): UserProfile {
  return {
    id: user.id,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    role: user.role,
    account_id: user.accountId,
  };
}
