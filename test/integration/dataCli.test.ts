/** `drl data import`, `drl data show` and the builders' build flags, through the compiled command line. */
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFsStore } from '../../store/fsStore';
import { drlBin, tempDir } from '../helpers/temporalTestKit';

function drl(cwd: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [drlBin, ...args], { encoding: 'utf8', cwd, env: { ...process.env, TEMPORAL_ADDRESS: '', DRL_STORE: '' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('drl data import and show', () => {
  it('imports an MGSM-style TSV, then shows its card and records by id prefix, filtered by split', () => {
    const dir = tempDir('data-cli');
    writeFileSync(join(dir, 'mgsm_de.tsv'), 'Janet hat 16 Eier.\t18\nWie viel kostet es?\t1.234,5\n');
    writeFileSync(join(dir, 'extra.jsonl'), `${JSON.stringify({ question: 'How many?', answer: '1,000', language: 'en', split: 'eval' })}\n`);

    const imported = drl(dir, 'data', 'import', '--kind', 'math', 'mgsm_de.tsv', '--language', 'de', '--json');
    expect(imported.code).toBe(0);
    const manifest = JSON.parse(imported.stdout) as { datasetId: string; splits: Record<string, number>; file: string };
    expect(manifest).toMatchObject({ file: 'mgsm_de.tsv', splits: { train: 2 } });

    const shown = drl(dir, 'data', 'show', manifest.datasetId.slice(0, 10), '--n', '1', '--json');
    expect(shown.code).toBe(0);
    const show = JSON.parse(shown.stdout) as { datasetId: string; kind: string; card: { kind: string }; records: Array<{ answer: string }> };
    expect(show.datasetId).toBe(manifest.datasetId);
    expect(show).toMatchObject({ kind: 'math', card: { kind: 'math' } });
    expect(show.records).toEqual([expect.objectContaining({ question: 'Janet hat 16 Eier.', answer: '18' })]);

    const text = drl(dir, 'data', 'show', manifest.datasetId);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/"answer": "1234.5"/);
    expect(text.stdout.split('\n')[1]).toBe('kind math');

    const second = JSON.parse(drl(dir, 'data', 'import', '--kind', 'math', 'extra.jsonl', '--json').stdout) as { datasetId: string };
    const evalOnly = JSON.parse(drl(dir, 'data', 'show', second.datasetId, '--split', 'eval', '--json').stdout) as { records: Array<{ answer: string }> };
    expect(evalOnly.records.map((r) => r.answer)).toEqual(['1000']);
    expect(JSON.parse(drl(dir, 'data', 'show', second.datasetId, '--split', 'train', '--json').stdout).records).toEqual([]);
  });

  it('reads --kind longcontext as longContext, with a warning, and shows the kind of a manifest written before kinds were', async () => {
    const dir = tempDir('data-cli-kinds');
    writeFileSync(join(dir, 'qa.jsonl'), `${JSON.stringify({ question: 'Capital of Spain?', context: 'Madrid is the capital of Spain.', answer: 'Madrid', rubric: ['Madrid'] })}\n`);
    const legacy = drl(dir, 'data', 'import', '--kind', 'longcontext', 'qa.jsonl', '--json');
    expect(legacy.code).toBe(0);
    expect(legacy.stderr).toBe('warning: --kind longcontext is deprecated: write --kind longContext\n');
    const imported = JSON.parse(legacy.stdout) as { datasetId: string; kind: string; config: unknown };
    expect(imported).toMatchObject({ kind: 'longContext', config: { source: 'import', kind: 'longContext' } });
    expect(JSON.parse(drl(dir, 'data', 'import', '--kind', 'longContext', 'qa.jsonl', '--json').stdout).datasetId).toBe(imported.datasetId);

    // A manifest as milestone 1 wrote it: no kind, the builder under its old name.
    const store = createFsStore(join(dir, '.drl', 'store'));
    const records = await store.putBlob(Buffer.from('{"id":"longtrace-countries-000000","question":"q"}\n'));
    const oldId = 'ab'.repeat(32);
    await store.putManifest(`datasets/${oldId}/manifest.json`, { format: 'drl-dataset/1', datasetId: oldId, config: { recipe: 'longtrace', chunkSize: 25 }, records, card: { recipe: 'longtrace' } });
    const shown = drl(dir, 'data', 'show', oldId.slice(0, 8));
    expect(shown.code).toBe(0);
    expect(shown.stdout.split('\n').slice(0, 2)).toEqual([`dataset ${oldId}`, 'kind longContext']);
  });

  it('exits 2 on a bad line with file, line and field, and stores nothing', () => {
    const dir = tempDir('data-cli-bad');
    writeFileSync(join(dir, 'data.jsonl'), ['{"question":"a","answer":"12","language":"de"}', '{"question":"b","answer":"12,3,4","language":"de"}', ''].join('\n'));
    const { code, stderr } = drl(dir, 'data', 'import', '--kind', 'math', 'data.jsonl');
    expect(code).toBe(2);
    expect(stderr).toMatch(/data\.jsonl:2: field "answer": "12,3,4" is not a de number/);
    expect(readdirSync(dir)).toEqual(['data.jsonl']);
  });

  it.each([
    [['data', 'import', '--kind', 'code', 'x.jsonl'], /--kind/],
    [['data', 'import', '--kind', 'math', 'missing.jsonl'], /missing\.jsonl: cannot read/],
    [['data', 'show', 'zz'], /dataset "zz"/],
    [['data', 'show', 'abcdef'], /no such dataset/],
    [['data', 'show', 'abcdef', '--n', '0'], /--n/],
    [['data', 'build', '--builder', 'math', '--kg', 'wordnet', '--dry-run'], /--kg does not apply to --builder math/],
    [['data', 'build', '--builder', 'math', '--problems-per-language', 'many', '--dry-run'], /--problems-per-language/],
    [['data', 'build', '--builder', 'math', '--max-steps', '9', '--dry-run'], /maxSteps/],
    [['data', 'build', '--builder', 'sudoku', '--dry-run'], /--builder must be one of math, kgQuestions, kgPairs, conlang, preference, got "sudoku"/],
    [['data', 'build', '--recipe', 'sudoku', '--dry-run'], /--recipe must be one of math, kgQuestions, kgPairs, conlang/],
    [['data', 'build', '--builder', 'math', '--recipe', 'lang', '--dry-run'], /give --builder only/],
    [['data', 'build', '--builder', 'math', '--config', '{"seed":', '--dry-run'], /--config/],
  ])('exits 2 naming the bad input: %j', (args, message) => {
    const { code, stderr } = drl(tempDir('data-cli-args'), ...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('resolves a math build on --dry-run: defaults, flags, --config, and the builder in the dataset id', () => {
    const dir = tempDir('data-cli-dry');
    const run = (...args: string[]) => drl(dir, 'data', 'build', '--dry-run', '--json', ...args);
    const dry = (...args: string[]) => JSON.parse(run(...args).stdout) as { datasetId: string; config: Record<string, unknown> };
    const flags = ['--languages', 'en,sw', '--problems-per-language', '300', '--eval-per-language', '250', '--max-steps', '2', '--seed', '3'];
    const math = run('--builder', 'math', '--languages', 'en,sw', '--problems-per-language', '300', '--eval-per-language', '250', '--config', '{"maxSteps":2,"seed":9}', '--seed', '3');
    expect(math.stderr).toBe('');
    const resolved = JSON.parse(math.stdout) as { datasetId: string; config: Record<string, unknown> };
    expect(resolved.config).toEqual({ builder: 'math', languages: ['en', 'sw'], problemsPerLanguage: 300, maxSteps: 2, evalPerLanguage: 250, seed: 3, chunkSize: 100 });
    expect(dry('--builder', 'math', ...flags).datasetId).toBe(resolved.datasetId);
    expect(dry('--builder', 'math').config).toMatchObject({ languages: ['en', 'es', 'fr', 'de', 'ru', 'zh', 'ja', 'th', 'sw', 'bn', 'te', 'eu'], problemsPerLanguage: 1000 });
    expect(dry('--builder', 'math', ...flags, '--seed', '4').datasetId).not.toBe(resolved.datasetId);
  });

  it('still reads --recipe and milestone 1\'s builder names, warning on stderr, into the same dataset', () => {
    const dir = tempDir('data-cli-legacy');
    const flags = ['--languages', 'en,sw', '--problems-per-language', '300', '--eval-per-language', '250', '--max-steps', '2', '--seed', '3', '--dry-run', '--json'];
    const today = JSON.parse(drl(dir, 'data', 'build', '--builder', 'math', ...flags).stdout) as { datasetId: string };
    for (const name of ['lang', 'luar', 'exprl']) {
      const legacy = drl(dir, 'data', 'build', '--recipe', name, ...flags);
      expect(legacy.code).toBe(0);
      expect(JSON.parse(legacy.stdout).datasetId).toBe(today.datasetId);
      expect(legacy.stderr).toBe(`warning: --recipe is deprecated: write --builder\nwarning: --recipe ${name} is deprecated: write --builder math\n`);
    }
    const oldValue = drl(dir, 'data', 'build', '--builder', 'unseen-mt', '--seed', '1', '--config', '{"trainLanguages":1,"testLanguages":1,"pairsPerLanguage":5}', '--dry-run', '--json');
    expect(oldValue.stderr).toBe('warning: --builder unseen-mt is deprecated: write --builder conlang\n');
    expect(JSON.parse(oldValue.stdout).config).toMatchObject({ builder: 'conlang', trainLanguages: 1 });
    const inConfig = drl(dir, 'data', 'build', '--builder', 'math', '--config', '{"recipe":"lang"}', ...flags);
    expect(inConfig.stderr).toBe('warning: dataset: both recipe and builder are set; recipe is ignored\nwarning: dataset.recipe is deprecated: write builder\n');
    expect(JSON.parse(inConfig.stdout).datasetId).toBe(today.datasetId);
  });

  it('lists the builders, with what each builds and its kind, in --help', () => {
    const { code, stdout } = drl(tempDir('data-cli-help'), 'data', 'build', '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/--builder <name>/);
    expect(stdout).not.toMatch(/--recipe/);
    for (const [name, kind] of [['math', 'math'], ['kgQuestions', 'longContext'], ['kgPairs', 'contextPairs'], ['conlang', 'translation']]) {
      expect(stdout).toMatch(new RegExp(`^  ${name} +\\S.*\\(kind ${kind}\\)$`, 'm'));
    }
  });
});
