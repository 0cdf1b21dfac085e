/** `clients list|get|create|update|delete|search`. */
import type { ClientListOptions, TypesFilter } from '@proofsheet/client';
import {
  CLIENT_TYPES,
  type Client,
  type ClientCreate,
  type ClientType,
} from '@proofsheet/protocol';
import type { Command } from 'commander';
import { action, examples } from '../action.js';
import type { Context, Io } from '../context.js';
import { CliError, EXIT } from '../exit-codes.js';
import type { Column } from '../output.js';
import { parseData } from './data.js';

const COLUMNS: Column<Client>[] = [
  { header: 'ID', value: (c) => c.id },
  { header: 'NAME', value: (c) => [c.first_name, c.last_name].filter(Boolean).join(' ') },
  { header: 'EMAIL', value: (c) => c.email },
  { header: 'TYPE', value: (c) => c.type },
  { header: 'STATUS', value: (c) => c.status_name },
  { header: 'COMPANY', value: (c) => c.company },
];

interface ListOptions {
  type?: string;
  page?: string;
  perPage?: string;
  all?: boolean;
}

interface FieldOptions {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  company?: string;
  type?: string;
  notes?: string;
  data?: string;
}

export function registerClients(program: Command, io: Io): void {
  const clients = program.command('clients').description('Studio clients, leads and contacts');
  const listFlags = (c: Command) =>
    c
      .option('--type <types>', 'client, lead, other (comma-separated) or all')
      .option('--page <n>', 'page number', '1')
      .option('--per-page <n>', 'items per page (up to 100)')
      .option('--all', 'fetch every page (progress on stderr when it is a terminal)');
  examples(
    listFlags(clients.command('list').description('List clients')).action(
      action<ListOptions>(io, (ctx, _args, o) => list(ctx, o)),
    ),
    ['proofsheet clients list --type lead', 'proofsheet clients list --all --csv > clients.csv'],
  );
  examples(
    listFlags(
      clients.command('search <query>').description('Search clients by name, email or company'),
    ).action(action<ListOptions>(io, (ctx, [q], o) => list(ctx, o, q))),
    ['proofsheet clients search ada --type client,lead --json'],
  );
  examples(
    clients
      .command('get <id>')
      .description('Show one client')
      .action(
        action<object>(io, async (ctx, [id]) =>
          show(ctx, await ctx.client.studio.clients.get(need(id))),
        ),
      ),
    ['proofsheet clients get cl_ABC123DEF456GHI789JKL012MNO345 --json'],
  );
  examples(
    fieldFlags(clients.command('create').description('Create a client')).action(
      action<FieldOptions>(io, async (ctx, _args, o) => {
        const body = fields(o);
        if (typeof body.first_name !== 'string') {
          throw new CliError('--first-name (or "first_name" in --data) is required', EXIT.usage);
        }
        show(ctx, await ctx.client.studio.clients.create(body as ClientCreate));
      }),
    ),
    [
      'proofsheet clients create --first-name Ada --last-name Lovelace --type lead',
      'proofsheet clients create --data \'{"first_name":"Ada","company":"Engines Ltd"}\'',
    ],
  );
  examples(
    fieldFlags(clients.command('update <id>').description('Change fields of a client')).action(
      action<FieldOptions>(io, async (ctx, [id], o) => {
        const body = fields(o);
        if (Object.keys(body).length === 0)
          throw new CliError('Nothing to change: pass a field flag or --data', EXIT.usage);
        show(ctx, await ctx.client.studio.clients.update(need(id), body));
      }),
    ),
    ['proofsheet clients update cl_… --company "Engines Ltd"'],
  );
  examples(
    clients
      .command('delete <id>')
      .description('Delete a client')
      .action(
        action<object>(io, async (ctx, [id]) => {
          await ctx.client.studio.clients.delete(need(id));
          if (ctx.out.json) ctx.out.printJson({ deleted: true, id });
          else ctx.out.line(`Deleted ${id}`);
        }),
      ),
    ['proofsheet clients delete cl_…'],
  );
}

function fieldFlags(c: Command): Command {
  return c
    .option('--first-name <name>')
    .option('--last-name <name>')
    .option('--email <email>')
    .option('--phone <phone>')
    .option('--company <company>')
    .option('--type <type>', 'client, lead or other')
    .option('--notes <text>')
    .option('--data <json>', 'fields as a JSON object; flags override it');
}

function fields(o: FieldOptions): Record<string, unknown> {
  const body: Record<string, unknown> = o.data ? parseData(o.data) : {};
  const map: Array<[keyof FieldOptions, string]> = [
    ['firstName', 'first_name'],
    ['lastName', 'last_name'],
    ['email', 'email'],
    ['phone', 'phone'],
    ['company', 'company'],
    ['notes', 'notes'],
  ];
  for (const [flag, key] of map) if (o[flag] !== undefined) body[key] = o[flag];
  if (o.type !== undefined) body.type = parseTypes(o.type, false)[0];
  return body;
}

function need(id: string | undefined): string {
  if (!id) throw new CliError('An ID is required', EXIT.usage);
  return id;
}

function parseTypes(text: string, allowAll: boolean): ClientType[] {
  if (allowAll && text === 'all') return [...CLIENT_TYPES];
  const types = text.split(',').map((t) => t.trim());
  for (const t of types) {
    if (!(CLIENT_TYPES as readonly string[]).includes(t)) {
      throw new CliError(
        `--type must be ${CLIENT_TYPES.join(', ')}${allowAll ? ' or all' : ''} (got "${t}")`,
        EXIT.usage,
      );
    }
  }
  return types as ClientType[];
}

function positiveInt(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new CliError(`${name} must be a whole number of at least 1 (got "${text}")`, EXIT.usage);
  return n;
}

async function list(ctx: Context, o: ListOptions, q?: string): Promise<void> {
  const types: TypesFilter | undefined =
    o.type === undefined ? undefined : o.type === 'all' ? 'all' : parseTypes(o.type, true);
  const perPage = positiveInt('--per-page', o.perPage);
  const base: ClientListOptions = {
    ...(types ? { types } : {}),
    ...(perPage ? { perPage } : {}),
    ...(q !== undefined ? { q } : {}),
  };
  if (!o.all) {
    const page = await ctx.client.studio.clients.list({
      ...base,
      page: positiveInt('--page', o.page) ?? 1,
    });
    ctx.out.rows(page.data, COLUMNS, page);
    return;
  }
  const items: Client[] = [];
  const progress = ctx.out.progress('Fetching clients');
  for await (const page of ctx.client.studio.clients.iterate(base).pages()) {
    items.push(...page.data);
    progress.update(page.meta.current_page, page.meta.last_page);
  }
  progress.done();
  ctx.out.rows(items, COLUMNS);
}

function show(ctx: Context, c: Client): void {
  if (ctx.out.json || ctx.out.csv) {
    ctx.out.rows([c], COLUMNS, c);
    return;
  }
  for (const [key, value] of Object.entries(c)) {
    if (typeof value === 'object' && value !== null) continue;
    ctx.out.line(`${ctx.out.bold(key.padEnd(15))} ${value ?? ''}`);
  }
}
