/** The CLI's exit codes, as `gh` uses them. */
export const EXIT = {
  ok: 0,
  /** The API answered with an error, or could not be reached. */
  apiError: 1,
  /** The command line was wrong. */
  usage: 2,
  /** Not logged in, or the session could not be renewed: run `proofsheet login`. */
  authRequired: 4,
} as const;

/** A failure that carries its exit code and a message for stderr. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
