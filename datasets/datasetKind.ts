/**
 * What a dataset's records are, whoever made them: a builder sets it, an import names it. Methods read a dataset by
 * its kind (a math reward reads `math` records, a translation method `translation` ones), so the names are shared
 * by builders, `drl data import --kind` and every manifest.
 */
export const DATASET_KINDS = ['math', 'longContext', 'contextPairs', 'translation', 'preference'] as const;
/** The project's kinds; a plug-in's task may read a kind of its own, stored by a dataset committed with that kind. */
export type DatasetKind = (typeof DATASET_KINDS)[number] | (string & {});

/** Kind names that milestone 1 wrote (`drl data import --kind longcontext`), read as their canonical spelling. */
export const LEGACY_KIND_NAMES: Readonly<Record<string, DatasetKind>> = { longcontext: 'longContext' };

export function isDatasetKind(name: unknown): name is DatasetKind {
  return typeof name === 'string' && (DATASET_KINDS as readonly string[]).includes(name);
}

/** A kind name in today's spelling (`longcontext` -> `longContext`); anything else is returned as it is. */
export function canonicalKindName(name: unknown): unknown {
  return typeof name === 'string' && Object.hasOwn(LEGACY_KIND_NAMES, name) ? LEGACY_KIND_NAMES[name] : name;
}
