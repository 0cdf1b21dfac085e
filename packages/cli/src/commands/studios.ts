/** `studios list|switch`: the studios of someone who belongs to several. */
import type { StudioMembership } from '@proofsheet/protocol';
import type { Command } from 'commander';
import { action, examples } from '../action.js';
import type { Context, Io } from '../context.js';
import type { Column } from '../output.js';

const COLUMNS: Column<StudioMembership>[] = [
  { header: 'ID', value: (s) => s.id },
  { header: 'NAME', value: (s) => s.name },
  { header: 'ROLE', value: (s) => s.role },
  { header: 'CURRENT', value: (s) => (s.current ? 'yes' : '') },
];

export function registerStudios(program: Command, io: Io): void {
  const studios = program
    .command('studios')
    .description('The studios you belong to, and switching between them');
  examples(
    studios
      .command('list')
      .description('List your studios and your role in each; CURRENT marks the open one')
      .action(action<object>(io, list)),
    ['proofsheet studios list', 'proofsheet studios list --json'],
  );
  examples(
    studios
      .command('switch <studioId>')
      .description('Open another of your studios (both APIs); later commands act in it')
      .action(action<object>(io, (ctx, [id]) => switchTo(ctx, id ?? ''))),
    ['proofsheet studios switch ac_Hq8Lw2Xv5Nc0Tb7Ym3Rk9Fd1Gs4Pz6'],
  );
}

async function list(ctx: Context): Promise<void> {
  ctx.out.rows(await ctx.client.studios(), COLUMNS);
}

async function switchTo(ctx: Context, accountId: string): Promise<void> {
  const { user } = await ctx.client.switchStudio(accountId);
  if (ctx.out.json)
    ctx.out.printJson({ switched: true, account_id: user.account_id, role: user.role });
  else ctx.out.line(`Switched to ${ctx.out.bold(accountId)} as ${user.role}`);
}
