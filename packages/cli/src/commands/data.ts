/** Parses a `--data` JSON object, with a usage error that says what is wrong. */
import { CliError, EXIT } from '../exit-codes.js';

export function parseData(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(`--data must be valid JSON (${(error as Error).message})`, EXIT.usage);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError('--data must be a JSON object, e.g. \'{"first_name":"Ada"}\'', EXIT.usage);
  }
  return value as Record<string, unknown>;
}
