/** `api METHOD PATH`, like `gh api`, and `proxy --port N`. */
import { createServer } from 'node:http';
import { createProxy } from '@proofsheet/client';
import type { Command } from 'commander';
import { action, examples } from '../action.js';
import type { Io } from '../context.js';
import { CliError, EXIT } from '../exit-codes.js';
import { parseData } from './data.js';

interface ApiOptions {
  data?: string;
  field: string[];
  gallery?: boolean;
  include?: boolean;
}

export function registerApi(program: Command, io: Io): void {
  examples(
    program
      .command('api <method> <path>')
      .description(
        'Call any endpoint with auth, CSRF token and retries added; prints the JSON answer',
      )
      .option('--data <json>', 'a JSON body')
      .option('-f, --field <key=value>', 'a query parameter (repeatable)', collect, [])
      .option('--gallery', 'call the Gallery API (default: Studio)')
      .option('-i, --include', 'print the status line first')
      .action(
        action<ApiOptions>(io, async (ctx, [method = '', path = ''], o) => {
          if (!/^[A-Za-z]+$/.test(method))
            throw new CliError(`Not an HTTP method: "${method}"`, EXIT.usage);
          const normalized = path.startsWith('/') ? path : `/${path}`;
          const query: Record<string, string> = {};
          for (const f of o.field) {
            const eq = f.indexOf('=');
            if (eq <= 0) throw new CliError(`--field must be key=value (got "${f}")`, EXIT.usage);
            query[f.slice(0, eq)] = f.slice(eq + 1);
          }
          const result = await ctx.client.request(
            o.gallery ? 'gallery' : 'studio',
            method,
            normalized,
            {
              query,
              ...(o.data !== undefined ? { body: parseData(o.data) } : {}),
            },
          );
          if (o.include) ctx.out.line(`HTTP ${result.status}`);
          if (result.data !== undefined) ctx.out.printJson(result.data);
        }),
      ),
    [
      'proofsheet api GET /api/v1/clients/ -f types=lead -f per_page=5',
      'proofsheet api POST /api/v1/clients/ --data \'{"first_name":"Ada"}\'',
      'proofsheet api GET /api/v1/data/bootstrap --gallery',
    ],
  );

  examples(
    program
      .command('proxy')
      .description(
        'Serve /studio/api/v1/* and /gallery/api/v1/* for a browser app, with this session',
      )
      .option('--port <n>', 'port to listen on', '8787')
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option(
        '--allow-origin <origin>',
        'an origin allowed to call the proxy (repeatable)',
        collect,
        [],
      )
      .action(
        action<{ port: string; host: string; allowOrigin: string[] }>(io, async (ctx, _args, o) => {
          const port = Number(o.port);
          if (!Number.isInteger(port) || port < 0 || port > 65535) {
            throw new CliError(`--port must be 0 to 65535 (got "${o.port}")`, EXIT.usage);
          }
          const server = createServer(
            createProxy({ client: ctx.client, allowedOrigins: o.allowOrigin }),
          );
          await new Promise<void>((resolve) => server.listen(port, o.host, resolve));
          const address = server.address();
          const shown = typeof address === 'object' && address ? address.port : port;
          ctx.out.error(`Proxy listening on http://${o.host}:${shown} (Ctrl-C to stop)`);
          await new Promise<void>((resolve) => {
            const stop = () => server.close(() => resolve());
            process.once('SIGINT', stop);
            process.once('SIGTERM', stop);
          });
        }),
      ),
    ['proofsheet proxy --port 8787 --allow-origin http://localhost:5173'],
  );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
