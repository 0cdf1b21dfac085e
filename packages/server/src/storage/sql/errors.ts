/**
 * Whether a driver error is a unique-constraint violation. One function, so that callers need
 * not know the dialect: SQLite says `SQLITE_CONSTRAINT_UNIQUE` or `…_PRIMARYKEY`, PostgreSQL
 * says SQLSTATE `23505`.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = (error as { code: unknown }).code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
