/** Bytes over a TCP connection, for what an HTTP client library would refuse to send. */
import { connect } from 'node:net';

export interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from the first byte sent until the server closed the connection. */
  closedAfterMs: number;
}

function parse(text: string, closedAfterMs: number): RawReply {
  const split = text.indexOf('\r\n\r\n');
  const head = split === -1 ? text : text.slice(0, split);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    status: Number(statusLine.split(' ')[1] ?? 0),
    headers,
    body: split === -1 ? '' : text.slice(split + 4),
    closedAfterMs,
  };
}

/**
 * Sends `chunks` to `url`'s host and port, waiting `gapMs` between them (a slow client),
 * and resolves with what the server answered once it closes the connection (or after
 * `limitMs`, when the reply so far is returned).
 */
export function rawExchange(
  url: string,
  chunks: readonly string[],
  options: { gapMs?: number; limitMs?: number } = {},
): Promise<RawReply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(Number(port), hostname);
    const received: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    let index = 0;
    const finish = () => {
      clearTimeout(timer);
      clearTimeout(limit);
      resolve(parse(Buffer.concat(received).toString('utf8'), Date.now() - started));
    };
    const limit = setTimeout(() => {
      socket.destroy();
      finish();
    }, options.limitMs ?? 10_000);
    const next = () => {
      if (socket.destroyed || index >= chunks.length) return;
      socket.write(chunks[index++] ?? '');
      timer = setTimeout(next, options.gapMs ?? 0);
    };
    socket.on('connect', next);
    socket.on('data', (d: Buffer) => received.push(d));
    socket.on('close', finish);
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The server may reset a connection it has answered; what it sent is kept.
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
    });
  });
}
