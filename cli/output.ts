import { InputError } from '../core/errors';

/** Exit codes of ../shared/CLI.md. */
export const exitCodes = { ok: 0, failed: 1, badInput: 2 } as const;

export function logLine(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** A warning on stderr (an old config key, say): the work goes on. */
export function logWarning(message: string): void {
  logLine(`warning: ${message}`);
}

/** Prints one JSON document on stdout with --json, the text form otherwise. */
export function printResult(json: boolean, value: unknown, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
}

/** Bad input exits 2 with its message; anything else exits 1. */
export function exitCodeOf(err: unknown): number {
  const name = (err as { cause?: { name?: string } })?.cause?.name ?? (err as Error)?.name;
  return err instanceof InputError || name === 'InputError' ? exitCodes.badInput : exitCodes.failed;
}
