import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vectorFile from '../fixtures/chrf/vectors.json';
import { chrfCli, ChrfCliOptions, pythonFixed, readSacrebleuLines } from '../../rewards/chrfCli';
import { InputError } from '../../core/errors';

type Run = Omit<ChrfCliOptions, 'hyp' | 'ref'> & { twoRefs?: boolean };

describe('drl reward chrf prints what the sacrebleu CLI prints', () => {
  let dir: string;
  let hyp: string;
  let refs: string[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chrf-cli-'));
    hyp = join(dir, 'hyp.txt');
    writeFileSync(hyp, vectorFile.cli.hyp);
    refs = vectorFile.cli.refs.map((text, j) => {
      const path = join(dir, `ref${j}.txt`);
      writeFileSync(path, text);
      return path;
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each(vectorFile.cli.runs.map((run) => [JSON.stringify(run.options), run.options as Run, run.stdout]))(
    'sacrebleu -m chrf %s',
    (_label, run, stdout) => {
      const { twoRefs, ...options } = run;
      expect(chrfCli({ ...options, hyp, ref: twoRefs ? refs : refs[0] })).toBe(stdout);
    },
  );

  test('line reading: CRLF and trailing blanks stripped, a final newline ends the last line', () => {
    expect(readSacrebleuLines(hyp)).toEqual(['Hello there, world!', 'the cat sat', '我们今天去公园散步。', '', 'ΣΊΣΥΦΟΣ']);
  });

  test('mismatched line counts and missing files are InputErrors', () => {
    const short = join(dir, 'short.txt');
    writeFileSync(short, 'one line\n');
    expect(() => chrfCli({ hyp, ref: short })).toThrow(InputError);
    expect(() => chrfCli({ hyp, ref: join(dir, 'missing.txt') })).toThrow(InputError);
  });
});

test("pythonFixed rounds exact ties to even like Python's format", () => {
  expect(pythonFixed(12.25, 1)).toBe('12.2');
  expect(pythonFixed(12.75, 1)).toBe('12.8');
  expect(pythonFixed(0.5, 0)).toBe('0');
  expect(pythonFixed(1.5, 0)).toBe('2');
  expect(pythonFixed(2.675, 2)).toBe('2.67'); // not a tie in binary: 2.67499999...
  expect(pythonFixed(42.6999, 1)).toBe('42.7');
});
