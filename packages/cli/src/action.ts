/** Glue between commander and the commands: builds the context, runs, leaves errors to main. */
import type { Command } from 'commander';
import { type Context, type Io, makeContext } from './context.js';

/** A command's body: its context, positional arguments and own options. */
export type Handler<O> = (ctx: Context, args: string[], options: O) => Promise<void>;

/** Wraps a handler as a commander action. */
export function action<O>(io: Io, handler: Handler<O>) {
  return async (...params: unknown[]) => {
    const command = params[params.length - 1] as Command;
    const options = params[params.length - 2] as O;
    const args = params
      .slice(0, -2)
      .flat()
      .filter((a): a is string => typeof a === 'string');
    const ctx = await makeContext(command, io);
    try {
      await handler(ctx, args, options);
    } finally {
      ctx.client.close();
    }
  };
}

/** Adds an "Examples:" section to a command's help. */
export function examples(command: Command, lines: readonly string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
}
