/** The lines of an import file as raw field maps, each with its 1-based line number; blank lines are skipped. */
import { InputError } from '../../core/errors';

export type ImportFormat = 'jsonl' | 'tsv';

export interface RawRow {
  line: number;
  fields: Record<string, unknown>;
}

/** A problem with one line (and field, when one is to blame), to be reported with the file name. */
export class LineProblem extends Error {
  constructor(
    readonly line: number,
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** The format of `file`: the one given, else `.tsv` files are TSV and everything else JSONL. */
export function importFormatOf(file: string, given: string | undefined): ImportFormat {
  const format = given ?? (/\.tsv$/i.test(file) ? 'tsv' : 'jsonl');
  if (format !== 'jsonl' && format !== 'tsv') throw new InputError(`--format must be jsonl or tsv, got "${format}"`);
  return format;
}

/** Reads every line, collecting the problems of all of them rather than stopping at the first. */
export function readRows(text: string, format: ImportFormat): { rows: RawRow[]; problems: LineProblem[] } {
  const rows: RawRow[] = [];
  const problems: LineProblem[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((raw, i) => {
      const content = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (content.trim() === '') return;
      try {
        rows.push({ line: i + 1, fields: format === 'tsv' ? tsvFields(content, i + 1) : jsonFields(content, i + 1) });
      } catch (err) {
        if (!(err instanceof LineProblem)) throw err;
        problems.push(err);
      }
    });
  return { rows, problems };
}

function jsonFields(content: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (err) {
    throw new LineProblem(line, undefined, `not valid JSON (${(err as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new LineProblem(line, undefined, `expected a JSON object, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

/** MGSM's layout: question<TAB>answer, no header, no quoting. */
function tsvFields(content: string, line: number): Record<string, unknown> {
  const cells = content.split('\t');
  if (cells.length !== 2) {
    throw new LineProblem(line, undefined, `expected 2 tab-separated fields (question, answer), got ${cells.length}`);
  }
  return { question: cells[0], answer: cells[1] };
}
