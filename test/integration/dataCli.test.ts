/** `drl data import`, `drl data show` and the math recipes' build flags, through the compiled command line. */
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
    const show = JSON.parse(shown.stdout) as { datasetId: string; card: { kind: string }; records: Array<{ answer: string }> };
    expect(show.datasetId).toBe(manifest.datasetId);
    expect(show.card.kind).toBe('math');
    expect(show.records).toEqual([expect.objectContaining({ question: 'Janet hat 16 Eier.', answer: '18' })]);

    const text = drl(dir, 'data', 'show', manifest.datasetId);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/"answer": "1234.5"/);

    const second = JSON.parse(drl(dir, 'data', 'import', '--kind', 'math', 'extra.jsonl', '--json').stdout) as { datasetId: string };
    const evalOnly = JSON.parse(drl(dir, 'data', 'show', second.datasetId, '--split', 'eval', '--json').stdout) as { records: Array<{ answer: string }> };
    expect(evalOnly.records.map((r) => r.answer)).toEqual(['1000']);
    expect(JSON.parse(drl(dir, 'data', 'show', second.datasetId, '--split', 'train', '--json').stdout).records).toEqual([]);
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
    [['data', 'build', '--recipe', 'lang', '--kg', 'wordnet', '--dry-run'], /--kg does not apply to --recipe lang/],
    [['data', 'build', '--recipe', 'lang', '--problems-per-language', 'many', '--dry-run'], /--problems-per-language/],
    [['data', 'build', '--recipe', 'exprl', '--max-steps', '9', '--dry-run'], /maxSteps/],
    [['data', 'build', '--recipe', 'sudoku', '--dry-run'], /--recipe must be one of .*lang/],
    [['data', 'build', '--recipe', 'lang', '--config', '{"seed":', '--dry-run'], /--config/],
  ])('exits 2 naming the bad input: %j', (args, message) => {
    const { code, stderr } = drl(tempDir('data-cli-args'), ...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('resolves a math build on --dry-run: defaults, flags, --config, and the recipe in the dataset id', () => {
    const dir = tempDir('data-cli-dry');
    const dry = (...args: string[]) => JSON.parse(drl(dir, 'data', 'build', '--dry-run', '--json', ...args).stdout) as { datasetId: string; config: Record<string, unknown> };
    const lang = dry('--recipe', 'lang', '--languages', 'en,sw', '--problems-per-language', '300', '--eval-per-language', '250', '--config', '{"maxSteps":2,"seed":9}', '--seed', '3');
    expect(lang.config).toEqual({ recipe: 'lang', languages: ['en', 'sw'], problemsPerLanguage: 300, maxSteps: 2, evalPerLanguage: 250, seed: 3, chunkSize: 100 });
    const luar = dry('--recipe', 'luar', '--languages', 'en,sw', '--problems-per-language', '300', '--eval-per-language', '250', '--max-steps', '2', '--seed', '3');
    expect(luar.datasetId).not.toBe(lang.datasetId);
    expect(dry('--recipe', 'exprl').config).toMatchObject({ languages: ['en', 'es', 'fr', 'de', 'ru', 'zh', 'ja', 'th', 'sw', 'bn', 'te', 'eu'], problemsPerLanguage: 1000 });
  });
});
