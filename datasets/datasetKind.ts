/** Placeholder until the builders branch lands: the kind of a stored dataset. */
import type { DatasetManifest } from './datasetManifest';

export function datasetKindOf(manifest: DatasetManifest): string {
  const config = manifest.config as Record<string, unknown>;
  if (config.source === 'import') return String(config.kind);
  return 'math';
}

/** Placeholder: the kind a build request makes. */
export function builderKind(request: Record<string, unknown>): string {
  return ['longtrace', 'kgQuestions'].includes(String(request.recipe ?? request.builder)) ? 'longContext' : ['contextrl', 'kgPairs'].includes(String(request.recipe ?? request.builder)) ? 'contextPairs' : ['unseen-mt', 'conlang'].includes(String(request.recipe ?? request.builder)) ? 'translation' : 'math';
}
