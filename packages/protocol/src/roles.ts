/** The roles an account can have. */
export const ROLES = ['owner', 'assistant', 'gallery_client'] as const;

/** A role. */
export type Role = (typeof ROLES)[number];

/** Whether a string is a role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
