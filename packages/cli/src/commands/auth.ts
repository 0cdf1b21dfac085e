/** `login`, `logout`, `status`. */
import type { ApiName, SecondFactorAnswer } from '@proofsheet/client';
import type { Command } from 'commander';
import { action, examples } from '../action.js';
import { removeSessionFiles, writeHosts } from '../config-dir.js';
import type { Context, Io } from '../context.js';
import { CliError, EXIT, needsLogin } from '../exit-codes.js';
import { promptLine, promptSecret, readStdin } from '../prompt.js';

interface LoginOptions {
  email?: string;
  passwordStdin?: boolean;
  code?: string;
  cookie?: string;
  api: 'studio' | 'gallery' | 'both';
}

const APIS = ['studio', 'gallery'] as const;

export function registerAuth(program: Command, io: Io): void {
  examples(
    program
      .command('login')
      .description('Log in and keep the session in the config directory')
      .option('--email <email>', 'account email (prompted for if omitted)')
      .option('--password-stdin', 'read the password from stdin instead of prompting')
      .option(
        '--code <code>',
        'the authenticator code (or a recovery code) for an account with two-factor sign-in; prompted for in a terminal if omitted',
      )
      .option(
        '--cookie <header>',
        'use a Cookie header copied from the browser instead of a password',
      )
      .option('--api <api>', 'studio, gallery or both', 'both')
      .action(action<LoginOptions>(io, login)),
    [
      'proofsheet login --email owner@example.com',
      'echo "$PASSWORD" | proofsheet login --email owner@example.com --password-stdin',
      'echo "$PASSWORD" | proofsheet login --email owner@example.com --password-stdin --code "$(oathtool --totp -b "$KEY")"',
      "proofsheet login --api studio --cookie 'session_cookie=…; auth_token=…'",
    ],
  );
  examples(
    program
      .command('logout')
      .description('End the session on the server and forget it locally')
      .action(action<object>(io, logout)),
    ['proofsheet logout'],
  );
  examples(
    program
      .command('status')
      .description('Show who is logged in, to which hosts, and when the session expires')
      .action(action<object>(io, status)),
    ['proofsheet status', 'proofsheet status --json'],
  );
}

async function login(ctx: Context, _args: string[], options: LoginOptions): Promise<void> {
  if (!['studio', 'gallery', 'both'].includes(options.api)) {
    throw new CliError(`--api must be studio, gallery or both (got "${options.api}")`, EXIT.usage);
  }
  let email: string;
  if (options.cookie !== undefined) {
    const api: ApiName = options.api === 'gallery' ? 'gallery' : 'studio';
    const session = await ctx.client.loginWithCookie(options.cookie, { api });
    email = session.user.email;
  } else {
    email = await askEmail(ctx, options);
    const password = await askPassword(ctx, options.passwordStdin === true);
    ctx.secondFactor.provider = (challenge) => {
      // A passkey needs a browser's WebAuthn: a terminal can only type codes.
      if (!challenge.methods.includes('totp')) {
        throw new CliError(
          'this account signs in with a passkey, which needs a browser: sign in on the web app, or set up an authenticator app there to sign in here with --code',
          EXIT.authRequired,
        );
      }
      return askSecondFactor(ctx, options, challenge.retry);
    };
    await ctx.client.login(email, password, { api: options.api });
  }
  await writeHosts(ctx.paths, {
    studioUrl: ctx.client.options.baseUrls.studio,
    galleryUrl: ctx.client.options.baseUrls.gallery,
    email,
    loggedInAt: new Date().toISOString(),
  });
  if (ctx.out.json) ctx.out.printJson({ logged_in: true, email, api: options.api });
  else ctx.out.line(`Logged in as ${ctx.out.bold(email)}`);
}

async function askEmail(ctx: Context, options: LoginOptions): Promise<string> {
  if (options.email !== undefined) return options.email;
  if (options.passwordStdin) {
    throw new CliError(
      'no email given: with --password-stdin, stdin carries the password; pass --email <email>',
      EXIT.usage,
    );
  }
  const email = await promptLine('Email: ', ctx.io.stdin, ctx.io.stderr);
  if (email === null) {
    throw new CliError(
      'no email given: stdin closed before an answer; pass --email <email>, or run `proofsheet login` in a terminal',
      EXIT.usage,
    );
  }
  if (email === '') throw new CliError('An email is required: pass --email', EXIT.usage);
  return email;
}

async function askPassword(ctx: Context, fromStdin: boolean): Promise<string> {
  const { stdin, stderr } = ctx.io;
  if (fromStdin) {
    const password = await readStdin(stdin);
    if (password === '') {
      throw new CliError(
        'no password given: stdin was empty; pipe it in, e.g. echo "$PASSWORD" | proofsheet login --email <email> --password-stdin',
        EXIT.usage,
      );
    }
    return password;
  }
  if (stdin.isTTY !== true) {
    throw new CliError(
      'no password given: stdin is not a terminal to prompt on; pipe the password in with --password-stdin',
      EXIT.usage,
    );
  }
  const password = await promptSecret('Password: ', stdin, stderr);
  if (password === '') throw new CliError('The password is empty', EXIT.usage);
  return password;
}

/**
 * The second factor, when the server asks for one: `--code` once (a wrong one is not tried
 * again), else a prompt in a terminal. Six digits are an authenticator code; anything else is
 * taken for a recovery code.
 */
async function askSecondFactor(
  ctx: Context,
  options: LoginOptions,
  retry: boolean,
): Promise<SecondFactorAnswer | null> {
  const { stdin, stderr } = ctx.io;
  let answer: string | null;
  if (options.code !== undefined) {
    if (retry) return null;
    answer = options.code;
  } else if (stdin.isTTY === true && options.passwordStdin !== true) {
    if (retry) stderr.write('That code was not accepted.\n');
    answer = await promptLine('Authentication code (or a recovery code): ', stdin, stderr);
  } else {
    throw new CliError(
      'this account signs in with a second factor: pass --code <code> from the authenticator app, or run `proofsheet login` in a terminal',
      EXIT.authRequired,
    );
  }
  if (answer === null || answer.trim() === '') return null;
  const compact = answer.replace(/\s+/g, '');
  return /^\d{6}$/.test(compact) ? { code: compact } : { recoveryCode: answer.trim() };
}

async function logout(ctx: Context): Promise<void> {
  const failures: string[] = [];
  for (const api of APIS) {
    try {
      await ctx.client.logout({ api });
    } catch (error) {
      // The local copy goes anyway; say which server may still hold the session.
      failures.push(`${api}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await removeSessionFiles(ctx.paths);
  if (ctx.out.json) ctx.out.printJson({ logged_out: true, warnings: failures });
  else {
    for (const f of failures) ctx.out.error(`warning: ${f}`);
    ctx.out.line('Logged out');
  }
}

async function status(ctx: Context): Promise<void> {
  const rows = [];
  for (const api of APIS) {
    const host = ctx.client.options.baseUrls[api];
    try {
      const s = await ctx.client.session(api);
      rows.push({
        api,
        host,
        logged_in: true,
        email: s.user.email,
        role: s.role,
        idle_expires_at: s.idle_expires_at,
        expires_at: s.expires_at,
        refresh_expires_at: s.session.refresh_expires_at,
      });
    } catch (error) {
      if (!needsLogin(error)) throw error;
      rows.push({ api, host, logged_in: false });
    }
  }
  if (ctx.out.json) ctx.out.printJson(rows);
  else {
    for (const r of rows) {
      if (!r.logged_in) {
        ctx.out.line(`${ctx.out.bold(r.api)} ${r.host}: not logged in`);
        continue;
      }
      ctx.out.line(`${ctx.out.bold(r.api)} ${r.host}: logged in as ${r.email} (${r.role})`);
      ctx.out.line(`  session expires ${r.idle_expires_at} if idle, ${r.expires_at} at the latest`);
      ctx.out.line(`  renewable until ${r.refresh_expires_at}`);
    }
  }
  if (!rows.some((r) => r.logged_in)) {
    throw new CliError('Not logged in: run `proofsheet login`', EXIT.authRequired);
  }
}
