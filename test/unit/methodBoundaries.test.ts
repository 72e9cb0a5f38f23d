/**
 * A method lives in recipes/ and is found through its two registries only: nothing else imports a recipe file, and
 * the run's layers never branch on a method's name (a new method is an entry in a table, not a case in the code).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { methodNames } from '../../recipes/methods';

const root = process.cwd();
const REGISTRIES = ['recipes/methods.ts', 'recipes/methodSchedules.ts'];

function sources(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(folder, f));
}

const productFolders = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !['node_modules', 'dist', 'test', 'recipes'].includes(d.name) && !d.name.startsWith('.'))
  .map((d) => d.name);

/** The recipes/ modules a file imports (relative specifiers resolved against the file). */
function recipeImports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/from\s+'(\.[^']+)'/g)]
    .map((m) => relative(root, join(root, file, '..', `${m[1]}.ts`)))
    .filter((target) => target.startsWith('recipes/'));
}

/** Lines that compare something with a method's name or switch on it. */
export function methodBranches(text: string, names: readonly string[]): string[] {
  const name = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const branch = new RegExp(`([!=]==?\\s*['"\`](${name})['"\`])|(['"\`](${name})['"\`]\\s*[!=]==?)|(case\\s+['"\`](${name})['"\`])`);
  return text.split('\n').filter((line) => branch.test(line));
}

describe('method boundaries', () => {
  it('nothing outside recipes/ imports a recipe file but the two registries', () => {
    const offenders = productFolders.flatMap(sources).flatMap((file) => recipeImports(file).filter((t) => !REGISTRIES.includes(t)).map((t) => `${file} imports ${t}`));
    expect(offenders).toEqual([]);
  });

  it("workflows/, activities/, training/ and cli/ never branch on a method's name", () => {
    const names = methodNames();
    expect(names).toEqual(expect.arrayContaining(['plain', 'lang']));
    const offenders = ['workflows', 'activities', 'training', 'cli'].flatMap(sources).flatMap((file) => methodBranches(readFileSync(join(root, file), 'utf8'), names).map((line) => `${file}: ${line.trim()}`));
    expect(offenders).toEqual([]);
  });

  it('rewards/ reaches neither the store, the engine nor training/: a reward that needs a model is an activity', () => {
    const offenders = sources('rewards').flatMap((file) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/from\s+'(\.[^']+)'/g)]
        .map((m) => relative(root, join(root, file, '..', m[1])))
        .filter((target) => /^(store|engine|training)\//.test(target))
        .map((target) => `${file} imports ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the branch check catches each form of branch', () => {
    const names = ['lang'];
    expect(methodBranches("if (config.method === 'lang') x();", names)).toHaveLength(1);
    expect(methodBranches("if ('lang' !== method) x();", names)).toHaveLength(1);
    expect(methodBranches("  case 'lang':", names)).toHaveLength(1);
    expect(methodBranches('const m = method == "lang";', names)).toHaveLength(1);
    expect(methodBranches("const label = 'lang-tiny.yaml';", names)).toHaveLength(0);
  });

  it('the import check sees an import of a recipe file', () => {
    expect(recipeImports('test/unit/methodBoundaries.test.ts')).toEqual(['recipes/methods.ts']);
  });
});
