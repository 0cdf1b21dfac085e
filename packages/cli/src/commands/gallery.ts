/** `notifications`, `gallery bootstrap`, `collections list|get`. */
import type { Collection, Notification } from '@proofsheet/protocol';
import type { Command } from 'commander';
import { action, examples } from '../action.js';
import type { Io } from '../context.js';
import { CliError, EXIT } from '../exit-codes.js';
import type { Column } from '../output.js';

const NOTIFICATION_COLUMNS: Column<Notification>[] = [
  { header: 'ID', value: (n) => n.id },
  { header: 'READ', value: (n) => (n.read ? 'yes' : 'no') },
  { header: 'CREATED', value: (n) => n.created_at },
  { header: 'TITLE', value: (n) => n.title },
  { header: 'MESSAGE', value: (n) => n.message },
];

const COLLECTION_COLUMNS: Column<Collection>[] = [
  { header: 'ID', value: (c) => c.id },
  { header: 'NAME', value: (c) => c.name },
  { header: 'GALLERIES', value: (c) => c.gallery_count },
  { header: 'PHOTOS', value: (c) => c.photo_count },
  { header: 'EXPIRES', value: (c) => c.expiry_date },
];

function numericId(text: string | undefined): number {
  const n = Number(text);
  if (!text || !Number.isInteger(n))
    throw new CliError(`A numeric ID is required (got "${text ?? ''}")`, EXIT.usage);
  return n;
}

export function registerGallery(program: Command, io: Io): void {
  const notifications = program.command('notifications').description('Studio notifications');
  examples(
    notifications
      .command('list', { isDefault: true })
      .description('List notifications, newest first')
      .option('--unread', 'only unread ones')
      .option('--limit <n>', 'how many')
      .action(
        action<{ unread?: boolean; limit?: string }>(io, async (ctx, _args, o) => {
          const result = await ctx.client.studio.notifications.list({
            ...(o.unread ? { unread: true } : {}),
            ...(o.limit ? { limit: Number(o.limit) } : {}),
          });
          ctx.out.rows(result.data, NOTIFICATION_COLUMNS, result);
        }),
      ),
    ['proofsheet notifications', 'proofsheet notifications list --unread --json'],
  );
  examples(
    notifications
      .command('read <id>')
      .description('Mark one notification read')
      .action(
        action<object>(io, async (ctx, [id]) => {
          const n = await ctx.client.studio.notifications.markRead(id ?? '');
          if (ctx.out.json) ctx.out.printJson(n);
          else ctx.out.line(`Marked ${n.id} read`);
        }),
      ),
    ['proofsheet notifications read nt_…'],
  );
  examples(
    notifications
      .command('read-all')
      .description('Mark every notification read')
      .action(
        action<object>(io, async (ctx) => {
          const marked = await ctx.client.studio.notifications.markAllRead();
          if (ctx.out.json) ctx.out.printJson({ marked });
          else ctx.out.line(`Marked ${marked} read`);
        }),
      ),
    ['proofsheet notifications read-all'],
  );

  const gallery = program.command('gallery').description('The Gallery API');
  examples(
    gallery
      .command('bootstrap')
      .description('Show the account, user and workspace settings')
      .action(
        action<object>(io, async (ctx) =>
          ctx.out.printJson((await ctx.client.gallery.bootstrap()).data),
        ),
      ),
    ['proofsheet gallery bootstrap'],
  );

  const collections = program.command('collections').description('Gallery collections');
  examples(
    collections
      .command('list')
      .description('List collections')
      .option('--page <n>', 'page number', '1')
      .option('--per-page <n>', 'items per page (up to 100)')
      .option('--all', 'fetch every page')
      .action(
        action<{ page: string; perPage?: string; all?: boolean }>(io, async (ctx, _args, o) => {
          const perPage = o.perPage ? { perPage: Number(o.perPage) } : {};
          if (o.all) {
            const items = await ctx.client.gallery.collections.iterate(perPage).all();
            return ctx.out.rows(items, COLLECTION_COLUMNS);
          }
          const page = await ctx.client.gallery.collections.list({
            ...perPage,
            page: Number(o.page),
          });
          ctx.out.rows(page.data, COLLECTION_COLUMNS, page);
        }),
      ),
    ['proofsheet collections list', 'proofsheet collections list --all --csv'],
  );
  examples(
    collections
      .command('get <id>')
      .description('Show one collection and its galleries')
      .action(
        action<object>(io, async (ctx, [id]) => {
          const collectionId = numericId(id);
          const [collection, galleries] = await Promise.all([
            ctx.client.gallery.collections.get(collectionId),
            ctx.client.gallery.collections.galleries.iterate(collectionId).all(),
          ]);
          if (ctx.out.json) return ctx.out.printJson({ ...collection, galleries });
          ctx.out.rows([collection], COLLECTION_COLUMNS);
          ctx.out.line();
          ctx.out.rows(galleries, [
            { header: 'GALLERY', value: (g) => g.id },
            { header: 'NAME', value: (g) => g.name },
            { header: 'PHOTOS', value: (g) => g.photo_count },
            { header: 'PRIVATE', value: (g) => g.private },
          ]);
        }),
      ),
    ['proofsheet collections get 12345678 --json'],
  );
}
