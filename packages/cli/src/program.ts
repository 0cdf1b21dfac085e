/** The `proofsheet` command tree and the mapping of failures to exit codes. */
import { isHttpError, isProofsheetError } from '@proofsheet/client';
import { Command, CommanderError } from 'commander';
import { examples } from './action.js';
import { registerApi } from './commands/api.js';
import { registerAuth } from './commands/auth.js';
import { registerClients } from './commands/clients.js';
import { registerGallery } from './commands/gallery.js';
import { registerStudios } from './commands/studios.js';
import type { Io } from './context.js';
import { CliError, EXIT, needsLogin } from './exit-codes.js';

/** Builds the program; commander calls `exitOverride` so that main decides the exit code. */
export function buildProgram(io: Io): Command {
  const program = new Command('proofsheet')
    .description('Log in to the Proofsheet (Pixieset-style) Studio and Gallery APIs and call them')
    .version('0.1.0')
    .option(
      '--studio-url <url>',
      "Studio API base URL (env PROOFSHEET_STUDIO_URL; else the last login's; no default)",
    )
    .option(
      '--gallery-url <url>',
      "Gallery API base URL (env PROOFSHEET_GALLERY_URL; else the last login's; no default)",
    )
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV (lists)')
    .option('-v, --verbose', 'log retries and refreshes to stderr')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  examples(program, [
    'proofsheet login --studio-url https://studio.example.com --gallery-url https://gallery.example.com --email owner@example.com',
    'proofsheet clients list --type lead --json',
    'proofsheet api GET /api/v1/notifications/all',
  ]);
  program.addHelpText(
    'after',
    '\nExit codes: 0 ok, 1 API error, 2 usage, 4 authentication required.\nFiles: $XDG_CONFIG_HOME/proofsheet (default ~/.config/proofsheet), mode 0700/0600.\n',
  );
  registerAuth(program, io);
  registerClients(program, io);
  registerGallery(program, io);
  registerStudios(program, io);
  registerApi(program, io);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
    // Global flags are accepted after the subcommand too: `proofsheet clients list --json`.
    command.enablePositionalOptions(false);
    for (const sub of command.commands) sub.exitOverride();
  }
  return program;
}

/** Runs the CLI and returns the exit code; prints errors on stderr (and JSON with --json). */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    return report(error, io, argv.includes('--json'));
  }
}

function report(error: unknown, io: Io, json: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version are "errors" to commander, but successes to the user.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
      return EXIT.ok;
    if (error.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  const code = exitCodeOf(error);
  const message =
    code === EXIT.authRequired && !(error instanceof CliError)
      ? `${(error as Error).message}\nRun \`proofsheet login\` to log in.`
      : error instanceof Error
        ? error.message
        : String(error);
  if (json) {
    const body = isHttpError(error) ? error.body : { error: 'Error', message };
    io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  }
  io.stderr.write(`error: ${message}\n`);
  return code;
}

function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (needsLogin(error)) return EXIT.authRequired;
  if (isProofsheetError(error)) return EXIT.apiError;
  if (error instanceof TypeError && /must be|must not/.test(error.message)) return EXIT.usage;
  return EXIT.apiError;
}
