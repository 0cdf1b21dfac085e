/**
 * Reading answers and secrets: a prompt with echo, one without, or all of stdin. The line
 * prompt answers `null` when stdin ends first (`</dev/null`, Ctrl-D, a closed pipe), and the
 * caller says what is missing and how to give it.
 */

/** Reads all of stdin, without the trailing newline: `--password-stdin`. */
export async function readStdin(stdin: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Asks for a line with echo (e.g. the email); `null` when stdin ends before an answer. */
export async function promptLine(
  question: string,
  stdin: NodeJS.ReadStream,
  stderr: NodeJS.WriteStream,
): Promise<string | null> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: stdin, output: stderr, terminal: stdin.isTTY === true });
  // Node 20's rl.question() never settles when stdin ends first: the process then ran out of
  // work with the question pending and exited 13, silently. So race it with 'close'. A last
  // line without a newline bypasses the question: readline emits it as 'line' before 'close'.
  const closed = new Promise<null>((resolve) => rl.once('close', () => resolve(null)));
  const lastLine = new Promise<string>((resolve) => rl.once('line', resolve));
  try {
    const answer = await Promise.race([
      // It only fails when the interface closed or was aborted: no answer either way.
      rl.question(question).catch(() => null),
      lastLine,
      closed,
    ]);
    // End the prompt's line where no terminal echoed the answer's Enter.
    if (answer === null || stdin.isTTY !== true) stderr.write('\n');
    return answer?.trim() ?? null;
  } finally {
    rl.close();
  }
}

/**
 * Asks for a password on the terminal without echoing it; Enter or Ctrl-D ends it, Ctrl-C
 * aborts with code 130. Callers check `stdin.isTTY` first. (A hung-up terminal needs no case
 * here: Node resets SIGHUP to its default, so the kernel's SIGHUP ends the process.)
 */
export function promptSecret(
  question: string,
  stdin: NodeJS.ReadStream,
  stderr: NodeJS.WriteStream,
): Promise<string> {
  if (stdin.isTTY !== true) {
    return Promise.reject(new Error('No terminal to prompt on: use --password-stdin'));
  }
  stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  let value = '';
  return new Promise((resolve) => {
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          stdin.off('data', onData);
          stdin.setRawMode(false);
          stdin.pause();
          stderr.write('\n');
          resolve(value);
          return;
        }
        if (char === '\u0003') {
          stdin.setRawMode(false);
          stderr.write('\n');
          process.exit(130);
        }
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on('data', onData);
  });
}
