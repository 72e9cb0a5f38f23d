/**
 * The builder registry: builders named after what they build, milestone 1's names (`recipe: lang`, `longtrace`, ...)
 * read as today's with a warning and hashed in canonical form, every builder's kind on its card and manifest, and the
 * kind of manifests written before kinds were recorded.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../../core/errors';
import {
  builderOf,
  canonicalDatasetRequest,
  DATASET_BUILDER_NAMES,
  DATASET_BUILDERS,
  datasetKindOf,
  LEGACY_BUILDER_NAMES,
  resolveDatasetConfig,
  storedDatasetId,
} from '../../datasets/datasetBuilders';
import { DATASET_KINDS } from '../../datasets/datasetKind';
import { commitDataset, type DatasetManifest } from '../../datasets/datasetManifest';
import { createFsStore } from '../../store/fsStore';
import { buildInProcess } from '../helpers/buildInProcess';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The LANG demo's dataset (configs/lang-tiny.yaml), as the file spells it today. */
const demoDataset = (parseYaml(readFileSync('configs/lang-tiny.yaml', 'utf8')) as { dataset: Record<string, unknown> }).dataset;

const kg = { kg: 'countries', questions: 12, languages: ['en', 'es'], hops: { min: 2, max: 3 }, contextChars: 1500, seed: 4, chunkSize: 5 };
const conlang = { trainLanguages: 2, testLanguages: 1, pairsPerLanguage: 20, seed: 7, bookExamples: 6 };

/**
 * Each request in both spellings, and the sha256 of the records that milestone 1's code (commit ad84861, the parent
 * of this change) built from its old spelling. The dataset ids of that code differ (they hashed the old name).
 */
const BEFORE_THE_RENAME = [
  { name: 'the LANG demo', old: { ...demoDataset, builder: undefined, recipe: 'lang' }, today: demoDataset, records: '7d125cd08c275f26be41d2ea6f0fb5fce7a9967b3e9c299d2cea8133e033d9dd' },
  { name: 'longtrace', old: { recipe: 'longtrace', ...kg }, today: { builder: 'kgQuestions', ...kg }, records: 'aff1d973203f13800257f8bc07c4320d5abe76c8d5eb987e34747024117ff49f' },
  { name: 'contextrl', old: { recipe: 'contextrl', ...kg }, today: { builder: 'kgPairs', ...kg }, records: '966afaa59012e4028ba75cd17d69beb26b6083722d476f27908802f108345b11' },
  { name: 'unseen-mt', old: { recipe: 'unseen-mt', ...conlang }, today: { builder: 'conlang', ...conlang }, records: 'a84baa0f59cc3e37860cce5ff6db707983c0932dff0587659d7d5d7f7104ec11' },
];

function withoutUndefined(request: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined));
}

describe('dataset builders', () => {
  it('are named after what they build, each with its kind', () => {
    expect(DATASET_BUILDER_NAMES).toEqual(['math', 'kgQuestions', 'kgPairs', 'conlang', 'preference']);
    expect(Object.fromEntries(DATASET_BUILDER_NAMES.map((name) => [name, DATASET_BUILDERS[name].kind]))).toEqual({
      math: 'math',
      kgQuestions: 'longContext',
      kgPairs: 'contextPairs',
      conlang: 'translation',
      preference: 'preference',
    });
    for (const name of DATASET_BUILDER_NAMES) expect(DATASET_KINDS).toContain(DATASET_BUILDERS[name].kind);
  });

  it.each(BEFORE_THE_RENAME)('builds $name in both spellings into one dataset id, with the records of milestone 1', ({ old, today, records }) => {
    const before = resolveDatasetConfig(withoutUndefined(old));
    const now = resolveDatasetConfig(today);
    expect(before.config).toEqual(now.config);
    expect(before.datasetId).toBe(now.datasetId);
    expect(before.warnings).toEqual([
      'dataset.recipe is deprecated: write builder',
      `dataset.builder: "${old.recipe}" is deprecated: write "${today.builder}"`,
    ]);
    expect(now.warnings).toEqual([]);
    const built = buildInProcess(now.builder, now.config);
    expect(sha256(built.records)).toBe(records);
    expect(built.card).toMatchObject({ builder: today.builder, kind: now.builder.kind });
  });

  it.each(Object.entries(LEGACY_BUILDER_NAMES))('reads the old builder name %s as %s, under either key', (old, name) => {
    expect(canonicalDatasetRequest({ recipe: old, seed: 1 })).toEqual({
      request: { builder: name, seed: 1 },
      warnings: ['dataset.recipe is deprecated: write builder', `dataset.builder: "${old}" is deprecated: write "${name}"`],
    });
    expect(canonicalDatasetRequest({ builder: old })).toEqual({ request: { builder: name }, warnings: [`dataset.builder: "${old}" is deprecated: write "${name}"`] });
  });

  it('leaves a request in today\'s spelling as it is, and its input untouched', () => {
    const raw = { recipe: 'lang', seed: 1 };
    expect(canonicalDatasetRequest({ builder: 'math', seed: 1 })).toEqual({ request: { builder: 'math', seed: 1 }, warnings: [] });
    canonicalDatasetRequest(raw);
    expect(raw).toEqual({ recipe: 'lang', seed: 1 });
  });

  it('names the builders there are when a request names none or another', () => {
    expect(() => resolveDatasetConfig({ seed: 1 })).toThrow(new InputError('invalid dataset config: config.builder: expected one of math, kgQuestions, kgPairs, conlang, preference, got nothing'));
    expect(() => resolveDatasetConfig({ builder: 'sudoku' })).toThrow(/config\.builder: expected one of .* got "sudoku"/);
    expect(() => DATASET_BUILDERS.kgQuestions.resolveConfig({ builder: 'kgPairs', ...kg })).toThrow(/the kgQuestions builder got "kgPairs"/);
  });

  it('reads a config that a milestone 1 worker resolved as today\'s, so an in-flight build goes on with the same records', () => {
    const { config } = resolveDatasetConfig({ builder: 'kgPairs', ...kg });
    const { builder: _builder, ...fields } = config;
    const planned = builderOf({ ...fields, recipe: 'contextrl' } as unknown as typeof config);
    expect(planned.builder).toBe(DATASET_BUILDERS.kgPairs);
    expect(planned.config).toEqual(config);
  });

  it('writes the builder\'s kind into the manifest', async () => {
    const store = createFsStore(mkdtempSync(join(tmpdir(), 'drl-builders-')));
    const { builder, config, datasetId } = resolveDatasetConfig(BEFORE_THE_RENAME[3].today);
    const { records, card } = buildInProcess(builder, config);
    const manifest = await commitDataset(store, { datasetId, kind: builder.kind, config, records, card });
    expect(manifest.kind).toBe('translation');
    expect(datasetKindOf(manifest)).toBe('translation');
  });
});

describe('a request naming a stored dataset', () => {
  it('is {id} alone; a builder request names none', () => {
    expect(storedDatasetId({ id: '3f9a2c' })).toBe('3f9a2c');
    expect(storedDatasetId({ builder: 'math' })).toBeUndefined();
    expect(() => storedDatasetId({ id: '3f9a2c', builder: 'math', seed: 1 })).toThrow(new InputError('dataset.id names a stored dataset and takes no other keys; got builder, seed as well'));
    expect(() => storedDatasetId({ id: 7 })).toThrow(/dataset\.id: expected a dataset id/);
  });
});

describe('datasetKindOf', () => {
  const records = { uri: 'file:///x', sha256: '0'.repeat(64), bytes: 0 };
  /** A manifest as milestone 1 wrote it: no kind, the builder under its old key and name. */
  const old = (config: Record<string, unknown>) => ({ format: 'drl-dataset/1', datasetId: 'ab'.repeat(32), config, records, card: {} }) as unknown as DatasetManifest;

  it.each([
    [{ recipe: 'lang', chunkSize: 100 }, 'math'],
    [{ recipe: 'luar', chunkSize: 100 }, 'math'],
    [{ recipe: 'exprl', chunkSize: 100 }, 'math'],
    [{ recipe: 'longtrace', chunkSize: 25 }, 'longContext'],
    [{ recipe: 'contextrl', chunkSize: 25 }, 'contextPairs'],
    [{ recipe: 'unseen-mt', chunkSize: 1 }, 'translation'],
    [{ builder: 'kgPairs', chunkSize: 25 }, 'contextPairs'],
    [{ source: 'import', kind: 'longcontext' }, 'longContext'],
    [{ source: 'import', kind: 'preference' }, 'preference'],
  ])('derives the kind of a manifest without one from its config %j', (config, kind) => {
    expect(datasetKindOf(old(config))).toBe(kind);
  });

  it('returns the kind a manifest records, and says so when there is none to find', () => {
    expect(datasetKindOf({ ...old({ recipe: 'lang', chunkSize: 100 }), kind: 'contextPairs' })).toBe('contextPairs');
    expect(() => datasetKindOf(old({ recipe: 'sudoku' }))).toThrow(new RegExp(`dataset ${'ab'.repeat(32)}: cannot tell its kind`));
    expect(() => datasetKindOf(old({ source: 'import', kind: 'code' }))).toThrow(InputError);
  });
});
