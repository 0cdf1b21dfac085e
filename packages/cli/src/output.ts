/**
 * How the CLI prints: tables for people, `--json` and `--csv` for scripts. Colour only on a
 * terminal and never when `NO_COLOR` is set (no-color.org); the progress bar only when stderr
 * is a terminal, so that pipes and logs stay clean.
 */

/** A column of a table or CSV. */
export interface Column<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

export interface OutputStreams {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

export class Output {
  readonly json: boolean;
  readonly csv: boolean;
  readonly #streams: OutputStreams;
  readonly #color: boolean;

  constructor(streams: OutputStreams, format: { json?: boolean; csv?: boolean }) {
    this.#streams = streams;
    this.json = format.json === true;
    this.csv = format.csv === true;
    const noColor = streams.env.NO_COLOR !== undefined && streams.env.NO_COLOR !== '';
    this.#color = !noColor && streams.stdout.isTTY === true && streams.env.TERM !== 'dumb';
  }

  line(text = ''): void {
    this.#streams.stdout.write(`${text}\n`);
  }

  error(text: string): void {
    this.#streams.stderr.write(`${text}\n`);
  }

  printJson(value: unknown): void {
    this.line(JSON.stringify(value, null, 2));
  }

  bold(text: string): string {
    return this.#color ? `\u001b[1m${text}\u001b[22m` : text;
  }

  dim(text: string): string {
    return this.#color ? `\u001b[2m${text}\u001b[22m` : text;
  }

  /** Prints rows as JSON, CSV or an aligned table, per the flags. */
  rows<T>(rows: readonly T[], columns: readonly Column<T>[], json: unknown = rows): void {
    if (this.json) {
      this.printJson(json);
      return;
    }
    if (this.csv) {
      this.line(columns.map((c) => csvCell(c.header)).join(','));
      for (const row of rows) this.line(columns.map((c) => csvCell(c.value(row))).join(','));
      return;
    }
    const cells = rows.map((row) => columns.map((c) => String(c.value(row) ?? '')));
    const widths = columns.map((c, i) =>
      Math.max(c.header.length, ...cells.map((r) => (r[i] ?? '').length)),
    );
    this.line(
      this.bold(
        columns
          .map((c, i) => c.header.padEnd(widths[i] ?? 0))
          .join('  ')
          .trimEnd(),
      ),
    );
    for (const r of cells)
      this.line(
        r
          .map((v, i) => v.padEnd(widths[i] ?? 0))
          .join('  ')
          .trimEnd(),
      );
  }

  /** A progress bar on stderr, or nothing when stderr is not a terminal. */
  progress(label: string): { update(done: number, total: number): void; done(): void } {
    const stderr = this.#streams.stderr;
    if (stderr.isTTY !== true) return { update: () => undefined, done: () => undefined };
    return {
      update(done, total) {
        const width = 24;
        const filled = total > 0 ? Math.round((done / total) * width) : 0;
        stderr.write(
          `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`,
        );
      },
      done() {
        stderr.write('\r\u001b[2K');
      },
    };
  }
}

/**
 * A CSV cell per RFC 4180; a leading `=`, `+`, `-` or `@` is prefixed with `'` so that a
 * spreadsheet does not run a client's name as a formula.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
