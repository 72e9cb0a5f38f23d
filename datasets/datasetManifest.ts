/**
 * The manifest that makes a dataset usable by id, built or imported alike: its config, the records JSONL blob and
 * the card. Training reads the records blob and filters by `split`; `splits` says beforehand what it will find.
 */
import type { ArtifactStore, BlobRef } from '../store/artifactStore';
import { InputError } from '../core/errors';
import type { BuilderConfig } from './datasetBuilder';
import type { DatasetKind } from './datasetKind';

/** An imported dataset's config: its id hashes the records and the kind, not a builder config. */
export type ImportConfig = { source: 'import'; kind: DatasetKind };

export interface DatasetManifest {
  format: 'drl-dataset/1';
  datasetId: string;
  /**
   * What the records are (the builder's kind, or the import's). Manifests written before kinds were recorded have
   * none: read it with `datasetKindOf`, which derives it from their config.
   */
  kind?: DatasetKind;
  config: BuilderConfig | ImportConfig;
  records: BlobRef;
  card: Record<string, unknown>;
  /** Records per `split` value; absent when the records carry no split (the knowledge-graph builders). */
  splits?: Record<string, number>;
}

export function datasetManifestKey(datasetId: string): string {
  return `datasets/${datasetId}/manifest.json`;
}

/** Stores the records and commits the manifest, the last write: a dataset without a manifest does not exist. */
export async function commitDataset(
  store: ArtifactStore,
  dataset: { datasetId: string; kind: DatasetKind; config: DatasetManifest['config']; records: Uint8Array; card: Record<string, unknown> },
): Promise<DatasetManifest> {
  const manifest: DatasetManifest = {
    format: 'drl-dataset/1',
    datasetId: dataset.datasetId,
    kind: dataset.kind,
    config: dataset.config,
    records: await store.putBlob(dataset.records),
    card: dataset.card,
    splits: splitCountsOf(dataset.records),
  };
  await store.putManifest(datasetManifestKey(dataset.datasetId), manifest);
  return manifest;
}

function splitCountsOf(records: Uint8Array): Record<string, number> | undefined {
  const counts: Record<string, number> = {};
  for (const line of Buffer.from(records).toString('utf8').split('\n')) {
    if (!line) continue;
    const { split } = JSON.parse(line) as { split?: unknown };
    if (typeof split === 'string') counts[split] = (counts[split] ?? 0) + 1;
  }
  return Object.keys(counts).length > 0 ? counts : undefined;
}

/** A dataset by its id or an unambiguous prefix of it (at least 6 characters), as every verb accepts it. */
export async function findDataset(store: ArtifactStore, idOrPrefix: string): Promise<DatasetManifest> {
  if (!/^[0-9a-f]{6,64}$/.test(idOrPrefix)) {
    throw new InputError(`dataset "${idOrPrefix}": expected a dataset id (64 hex characters) or at least its first 6`);
  }
  if (idOrPrefix.length === 64) {
    const manifest = await store.getManifest<DatasetManifest>(datasetManifestKey(idOrPrefix));
    if (!manifest) throw new InputError(`dataset ${idOrPrefix}: no such dataset in ${store.location}`);
    return manifest;
  }
  const ids = (await store.list(`datasets/${idOrPrefix}`))
    .map((key) => /^datasets\/([0-9a-f]{64})\/manifest\.json$/.exec(key)?.[1])
    .filter((id): id is string => id !== undefined);
  if (ids.length === 0) throw new InputError(`dataset "${idOrPrefix}": no such dataset in ${store.location}`);
  if (ids.length > 1) throw new InputError(`dataset "${idOrPrefix}" is ambiguous: ${ids.map((id) => id.slice(0, 12)).join(', ')}`);
  return (await store.getManifest<DatasetManifest>(datasetManifestKey(ids[0])))!;
}
