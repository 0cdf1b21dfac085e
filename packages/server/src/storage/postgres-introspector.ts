import {
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  type Kysely,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from 'kysely';

/** Kysely's own bookkeeping tables, hidden unless asked for (as Kysely's introspectors do). */
const KYSELY_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

/**
 * Sees only the connection's current schema, by name. Kysely's PostgreSQL introspector reads
 * every column of every table in the whole database, and calls a function per column that
 * looks its schema up by name: when another schema is dropped meanwhile (another application,
 * or another test's schema), that lookup fails with "schema does not exist" and a starting
 * instance cannot even ask whether its migration table exists. Its migrator needs no more
 * than table names, so columns are left empty.
 */
export function currentSchemaIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
  async function getTables(options?: DatabaseMetadataOptions): Promise<TableMetadata[]> {
    const { rows } = await sql<{ schema: string; name: string; kind: string }>`
      select n.nspname as schema, c.relname as name, c.relkind as kind
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm')
      order by c.relname`.execute(db);
    return rows
      .filter((row) => options?.withInternalKyselyTables || !KYSELY_TABLES.has(row.name))
      .map((row) => ({
        schema: row.schema,
        name: row.name,
        isView: row.kind === 'v' || row.kind === 'm',
        columns: [],
      }));
  }
  return {
    async getSchemas(): Promise<SchemaMetadata[]> {
      const { rows } = await sql<{ name: string }>`
        select nspname as name from pg_catalog.pg_namespace order by nspname`.execute(db);
      return rows;
    },
    getTables,
    async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
      return { tables: await getTables(options) };
    },
  };
}
