/**
 * Old spellings of config keys and values that are still read (milestone 1 wrote them), turned into the canonical
 * form before anything validates or hashes a config, so an old file and its new spelling mean the same run and the
 * same dataset. Each rename is reported once as a warning that names the place and the new spelling.
 */
export interface Renamed<T> {
  value: T;
  warnings: string[];
}

/** A key that moved: its old name, its new one, and old values with a new spelling. */
export interface KeyRename {
  from: string;
  to: string;
  values?: Readonly<Record<string, string>>;
}

/** `raw` with every old key of `renames` under its new name; `where` is the path of `raw` in its config ('' at the top) (a value given under both names is an error for the caller's schema to report). */
export function renameLegacyKeys(raw: Record<string, unknown>, renames: readonly KeyRename[], where: string): Renamed<Record<string, unknown>> {
  const value = { ...raw };
  const warnings: string[] = [];
  const at = (key: string) => (where ? `${where}.${key}` : key);
  for (const rename of renames) {
    if (Object.hasOwn(value, rename.from)) {
      if (!Object.hasOwn(value, rename.to)) value[rename.to] = value[rename.from];
      else warnings.push(`${where || 'config'}: both ${rename.from} and ${rename.to} are set; ${rename.from} is ignored`);
      delete value[rename.from];
      warnings.push(`${at(rename.from)} is deprecated: write ${rename.to}`);
    }
    const current = value[rename.to];
    if (rename.values && typeof current === 'string' && Object.hasOwn(rename.values, current)) {
      value[rename.to] = rename.values[current];
      warnings.push(`${at(rename.to)}: "${current}" is deprecated: write "${rename.values[current]}"`);
    }
  }
  return { value, warnings };
}
