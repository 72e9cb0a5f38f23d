/**
 * Imports a user's dataset file (JSONL of any kind, MGSM-style TSV for math) as a dataset that `drl data show` and
 * training use like a built one. The whole file is validated before anything is written, and the manifest is the
 * last write, so a bad line leaves no dataset behind. The id hashes the normalised records and the kind: the same
 * content imports to the same dataset whatever the file was called.
 */
import { canonicalJson } from '../../core/canonicalJson';
import { InputError } from '../../core/errors';
import { hashOf, sha256Hex } from '../../core/hash';
import type { ArtifactStore } from '../../store/artifactStore';
import { canonicalKindName } from '../datasetKind';
import { commitDataset, datasetManifestKey, type DatasetManifest, type ImportConfig } from '../datasetManifest';
import { importFormatOf, LineProblem, readRows, type ImportFormat } from './importLines';
import { FieldProblem, fileProblems, IMPORT_KINDS, normaliseRecord, type ImportKind } from './recordSchemas';

/** Bumped whenever the same file would import to different records. */
export const IMPORT_GENERATOR = 'durable-rl/datasets/import@1';

const SPLITS = ['train', 'eval'];
/** Enough to show a pattern without burying the terminal. */
const MAX_REPORTED_PROBLEMS = 20;

export interface ImportRequest {
  /** The file as the user named it: every error message starts with it. */
  file: string;
  text: string;
  kind: string;
  format?: string;
  /** The language of records that name none; TSV lines never do. */
  language?: string;
  /** The split of records that name none. */
  split?: string;
}

export interface ImportedDataset {
  datasetId: string;
  kind: ImportKind;
  config: ImportConfig;
  records: Uint8Array;
  card: Record<string, unknown>;
}

/**
 * Checks the options of an import, so that a wrong flag is reported before the file is read; an old kind name
 * (`longcontext`) is read as today's, with a warning.
 */
export function importOptionsOf(request: Omit<ImportRequest, 'text'>): { kind: ImportKind; format: ImportFormat; defaultSplit: string; warnings: string[] } {
  const { kind, warnings } = importKindOf(request.kind);
  const format = importFormatOf(request.file, request.format);
  if (format === 'tsv' && kind !== 'math') throw new InputError(`--format tsv is for --kind math only (question<TAB>answer), not ${kind}`);
  const defaultSplit = request.split ?? 'train';
  if (!SPLITS.includes(defaultSplit)) throw new InputError(`--split must be train or eval, got "${defaultSplit}"`);
  return { kind, format, defaultSplit, warnings };
}

export function parseImport(request: ImportRequest): ImportedDataset {
  const { kind, format, defaultSplit } = importOptionsOf(request);

  const { rows, problems } = readRows(request.text, format);
  const records: Array<Record<string, unknown>> = [];
  const lines: number[] = [];
  const firstLineOfId = new Map<string, number>();
  rows.forEach(({ line, fields }, ordinal) => {
    try {
      const id = fields.id === undefined ? `${kind}-${String(ordinal).padStart(6, '0')}` : recordId(fields.id);
      const earlier = firstLineOfId.get(id);
      if (earlier !== undefined) throw new FieldProblem('id', `"${id}" is already the id of line ${earlier}`);
      firstLineOfId.set(id, line);
      const split = fields.split === undefined ? defaultSplit : recordSplit(fields.split);
      records.push({ id, ...normaliseRecord(kind, fields, request.language), split });
      lines.push(line);
    } catch (err) {
      if (!(err instanceof FieldProblem)) throw err;
      problems.push(new LineProblem(line, err.field, err.message));
    }
  });
  for (const { index, field, message } of fileProblems(kind, records, lines)) problems.push(new LineProblem(lines[index], field, message));
  if (problems.length > 0) throw new InputError(reportOf(request.file, problems));
  if (records.length === 0) throw new InputError(`${request.file}: no records`);

  const bytes = Buffer.from(records.map((record) => `${canonicalJson(record)}\n`).join(''));
  return {
    datasetId: hashOf({ generator: IMPORT_GENERATOR, kind, records: sha256Hex(bytes) }),
    kind,
    config: { source: 'import', kind },
    records: bytes,
    card: importCard(kind, records),
  };
}

/**
 * Validates the whole file, then stores it; returns the committed manifest, or the existing one on a re-import
 * (which a manifest written before kinds were recorded still is: `datasetKindOf` reads its kind).
 */
export async function importDataset(store: ArtifactStore, request: ImportRequest): Promise<DatasetManifest> {
  const dataset = parseImport(request);
  return (await store.getManifest<DatasetManifest>(datasetManifestKey(dataset.datasetId))) ?? commitDataset(store, dataset);
}

function importKindOf(given: string): { kind: ImportKind; warnings: string[] } {
  const kind = canonicalKindName(given);
  if (!(IMPORT_KINDS as readonly unknown[]).includes(kind)) {
    throw new InputError(`--kind must be one of ${IMPORT_KINDS.join(', ')}, got "${given}"`);
  }
  return { kind: kind as ImportKind, warnings: kind === given ? [] : [`--kind ${given} is deprecated: write --kind ${kind}`] };
}

function recordId(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new FieldProblem('id', `expected a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}

function recordSplit(value: unknown): string {
  if (typeof value !== 'string' || !SPLITS.includes(value)) throw new FieldProblem('split', `expected "train" or "eval", got ${JSON.stringify(value)}`);
  return value;
}

function reportOf(file: string, problems: LineProblem[]): string {
  const lines = [...problems]
    .sort((a, b) => a.line - b.line)
    .map((p) => `${file}:${p.line}: ${p.field === undefined ? '' : `field "${p.field}": `}${p.message}`);
  const more = lines.length - MAX_REPORTED_PROBLEMS;
  return [...lines.slice(0, MAX_REPORTED_PROBLEMS), ...(more > 0 ? [`... and ${more} more`] : []), `${file}: nothing imported`].join('\n');
}

function importCard(kind: ImportKind, records: Array<Record<string, unknown>>): Record<string, unknown> {
  const byLanguage: Record<string, number> = {};
  const bySplit: Record<string, number> = {};
  for (const record of records) {
    if (typeof record.language === 'string') byLanguage[record.language] = (byLanguage[record.language] ?? 0) + 1;
    bySplit[record.split as string] = (bySplit[record.split as string] ?? 0) + 1;
  }
  return { format: 'drl-import-card/1', generator: IMPORT_GENERATOR, kind, records: records.length, counts: { byLanguage, bySplit } };
}
