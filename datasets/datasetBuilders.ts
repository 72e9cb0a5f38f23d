/**
 * Every builder `buildDataset` can run, by the name a config gives in `builder`. A builder is registered here and
 * nowhere else: the activities, the offload thread and the CLI all look it up by name. Builders are named after what
 * they build; the names milestone 1 gave them after the methods that read them (`recipe: lang`) are still read, with
 * a warning, and turned into today's before anything validates or hashes them.
 */
import { InputError } from '../core/errors';
import { hashOf } from '../core/hash';
import { renameLegacyKeys, type KeyRename } from '../core/legacyKeys';
import { conlangBuilder } from './conlang/conlangBuilder';
import type { BuilderConfig, DatasetBuilder } from './datasetBuilder';
import { canonicalKindName, isDatasetKind, type DatasetKind } from './datasetKind';
import type { DatasetManifest } from './datasetManifest';
import { kgPairsBuilder, kgQuestionsBuilder } from './kgStages';
import { mathBuilder } from './math/mathBuilder';
import { preferenceBuilder } from './preference/preferenceBuilder';

export type { BuilderConfig, DatasetBuilder };

export type BuilderName = 'math' | 'kgQuestions' | 'kgPairs' | 'conlang' | 'preference';

export const DATASET_BUILDERS: Readonly<Record<BuilderName, DatasetBuilder>> = {
  math: mathBuilder,
  kgQuestions: kgQuestionsBuilder,
  kgPairs: kgPairsBuilder,
  conlang: conlangBuilder,
  preference: preferenceBuilder,
};

export const DATASET_BUILDER_NAMES = Object.keys(DATASET_BUILDERS) as BuilderName[];

/** Milestone 1's builder names, each the method that read the dataset, and the builder each one is now. */
export const LEGACY_BUILDER_NAMES: Readonly<Record<string, BuilderName>> = {
  lang: 'math',
  luar: 'math',
  exprl: 'math',
  longtrace: 'kgQuestions',
  contextrl: 'kgPairs',
  'unseen-mt': 'conlang',
};

const REQUEST_RENAMES: readonly KeyRename[] = [{ from: 'recipe', to: 'builder', values: LEGACY_BUILDER_NAMES }];

/** `raw` with old keys and builder names in today's spelling, and one warning for each old spelling it had. */
export function canonicalDatasetRequest(raw: Record<string, unknown>): { request: Record<string, unknown>; warnings: string[] } {
  const { value, warnings } = renameLegacyKeys(raw, REQUEST_RENAMES, 'dataset');
  return { request: value, warnings };
}

/**
 * The id a request `{id}` gives of a stored dataset (built, or stored by `drl data import`), which a run names
 * instead of a builder config; undefined for a builder request.
 */
export function storedDatasetId(request: Record<string, unknown>): string | undefined {
  if (!Object.hasOwn(request, 'id')) return undefined;
  const others = Object.keys(request).filter((key) => key !== 'id');
  if (others.length > 0) throw new InputError(`dataset.id names a stored dataset and takes no other keys; got ${others.join(', ')} as well`);
  if (typeof request.id !== 'string') throw new InputError(`dataset.id: expected a dataset id (or at least its first 6 characters), got ${JSON.stringify(request.id)}`);
  return request.id;
}

export function isBuilderName(name: unknown): name is BuilderName {
  return typeof name === 'string' && Object.hasOwn(DATASET_BUILDERS, name);
}

/** The builder of a canonical name; the error lists the names there are. */
export function builderNamed(name: unknown): DatasetBuilder {
  if (isBuilderName(name)) return DATASET_BUILDERS[name];
  const got = name === undefined ? 'nothing' : JSON.stringify(name);
  throw new InputError(`invalid dataset config: config.builder: expected one of ${DATASET_BUILDER_NAMES.join(', ')}, got ${got}`);
}

/**
 * Validates a request, old spellings included, with its builder (errors name the field) and derives the dataset id
 * over the canonical config: an old request and its new spelling are the same dataset.
 */
export function resolveDatasetConfig(raw: Record<string, unknown>): {
  builder: DatasetBuilder;
  config: BuilderConfig;
  datasetId: string;
  warnings: string[];
} {
  const { request, warnings } = canonicalDatasetRequest(raw);
  const builder = builderNamed(request.builder);
  const config = builder.resolveConfig(request);
  return { builder, config, datasetId: hashOf({ generator: builder.generator, config }), warnings };
}

/**
 * The builder of a resolved config and the config in canonical form. A build planned by a worker of milestone 1
 * passes `{recipe: 'lang', ...}` to its stages; those are read as today's config, which makes the same records.
 */
export function builderOf(config: BuilderConfig): { builder: DatasetBuilder; config: BuilderConfig } {
  const { request } = canonicalDatasetRequest(config as unknown as Record<string, unknown>);
  return { builder: builderNamed(request.builder), config: request as BuilderConfig };
}

/**
 * The kind of a stored dataset: its manifest's; for a manifest written before kinds were recorded, its builder's
 * (milestone 1's builder names included) or its import kind.
 */
export function datasetKindOf(manifest: Pick<DatasetManifest, 'datasetId' | 'config'> & { kind?: string }): DatasetKind {
  const config = manifest.config as Record<string, unknown>;
  const builder = config.builder ?? config.recipe;
  const name = typeof builder === 'string' ? (LEGACY_BUILDER_NAMES[builder] ?? builder) : undefined;
  // A manifest's own kind is trusted as it is: a plug-in's task may read a kind the project does not know.
  if (typeof manifest.kind === 'string' && manifest.kind !== '') return canonicalKindName(manifest.kind) as DatasetKind;
  const kind =
    manifest.kind !== undefined
      ? canonicalKindName(manifest.kind)
      : config.source === 'import'
        ? canonicalKindName(config.kind)
        : isBuilderName(name)
          ? DATASET_BUILDERS[name].kind
          : undefined;
  if (!isDatasetKind(kind)) {
    throw new InputError(`dataset ${manifest.datasetId}: cannot tell its kind from its manifest (kind ${JSON.stringify(manifest.kind)}, config ${JSON.stringify(config)})`);
  }
  return kind;
}
