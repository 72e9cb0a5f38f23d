import type { GradedProblem } from '../../activities/training/evaluateActivity';
import { chooseEvaluations, compareRuns, renderComparison, renderComparisonMarkdown, type ComparedRun } from '../../cli/runComparison';
import type { RunLedger } from '../../cli/runLedger';

/** `n` problems of a language, correct where `correct(i)` holds. */
function graded(language: string, n: number, correct: (i: number) => boolean, consistency: number | null = 1): GradedProblem[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${language}-${i}`, language, correct: correct(i), consistency, completion: '' }));
}

function run(label: string, final: GradedProblem[], overrides: Partial<ComparedRun> = {}): ComparedRun {
  const base = [...graded('de', 40, (i) => i % 4 === 0), ...graded('en', 60, (i) => i % 4 === 0), ...graded('fr', 50, (i) => i % 4 === 0, 0.5)];
  return {
    label,
    workflowId: `run-${label}`,
    datasetId: 'dataset-1',
    outcome: 'completed',
    base: { checkpoint: 'ckpt-0', step: 0, graded: base },
    final: { checkpoint: `ckpt-${label}`, step: 20, graded: final },
    ...overrides,
  };
}

// en: B far better; fr: A far better; de: the same number right, on different problems (a tie).
const finalA = [...graded('de', 40, (i) => i % 2 === 0), ...graded('en', 60, (i) => i % 5 === 0), ...graded('fr', 50, (i) => i % 5 !== 0, 0.6)];
const finalB = [...graded('fr', 50, (i) => i % 5 === 0, 0.9), ...graded('de', 40, (i) => i % 2 === 1), ...graded('en', 60, (i) => i % 5 !== 0)];

describe('run comparison', () => {
  it('pairs the problems per language and says which run wins where', () => {
    const c = compareRuns(run('grpo', finalA), run('lang', finalB));
    expect(c.byLanguage.map((l) => [l.language, l.problems, l.verdict])).toEqual([
      ['de', 40, 'tie'],
      ['en', 60, 'B'],
      ['fr', 50, 'A'],
    ]);
    const en = c.byLanguage[1];
    expect(en.accuracy).toEqual({ base: 0.25, a: 0.2, b: 0.8 });
    expect(en.difference.mean).toBeCloseTo(0.6, 10);
    expect(en.difference.lower95).toBeGreaterThan(0);
    const fr = c.byLanguage[2];
    expect(fr.difference.upper95).toBeLessThan(0);
    expect(fr.consistency.base).toBe(0.5);
    expect(fr.consistency.a).toBeCloseTo(0.6, 10);
    expect(fr.consistency.b).toBeCloseTo(0.9, 10);
    const de = c.byLanguage[0];
    expect(de.difference.mean).toBe(0);
    expect(de.difference.lower95).toBeLessThan(0);
    expect(de.difference.upper95).toBeGreaterThan(0);
  });

  it('weighs every language the same in the mean row, whatever its number of problems', () => {
    const c = compareRuns(run('grpo', finalA), run('lang', finalB));
    const perLanguage = c.byLanguage.map((l) => l.difference.mean);
    expect(c.mean.difference.mean).toBeCloseTo(perLanguage.reduce((s, d) => s + d, 0) / 3, 10);
    expect(c.mean.accuracy.b).toBeCloseTo((0.5 + 0.8 + 0.2) / 3, 10);
    expect(c.mean.problems).toBe(150);
    expect(c.mean.difference.lower95).toBeLessThanOrEqual(c.mean.difference.mean);
    expect(c.mean.difference.upper95).toBeGreaterThanOrEqual(c.mean.difference.mean);
    expect(c.mean.verdict).toBe(c.mean.difference.lower95 > 0 ? 'B' : c.mean.difference.upper95 < 0 ? 'A' : 'tie');
  });

  it('is deterministic and notes a B whose base answered differently', () => {
    const first = compareRuns(run('grpo', finalA), run('lang', finalB));
    expect(compareRuns(run('grpo', finalA), run('lang', finalB))).toEqual(first);
    expect(first.sameBase).toBe(true);
    // Another checkpoint id with the same answers is the same base (the id also hashes the run's settings).
    const sameWeights = run('lang', finalB, { base: { ...run('x', []).base, checkpoint: 'ckpt-0-other-lr' } });
    expect(compareRuns(run('grpo', finalA), sameWeights).sameBase).toBe(true);
    const otherBase = run('x', []).base.graded.map((p, i) => (i === 7 ? { ...p, completion: 'something else' } : p));
    const other = compareRuns(run('grpo', finalA), run('lang', finalB, { base: { checkpoint: 'ckpt-sft', step: 0, graded: otherBase } }));
    expect(other.sameBase).toBe(false);
    expect(renderComparison(other)).toMatch(/lang's base \(checkpoint ckpt-sft\) answered differently/);
  });

  it('refuses runs on different datasets or different problems, naming the runs and counting the ids', () => {
    expect(() => compareRuns(run('grpo', finalA), run('lang', finalB, { datasetId: 'dataset-2' }))).toThrow(
      /run-grpo and run-lang were trained on different datasets \(dataset-1, dataset-2\)/,
    );
    const fewer = finalB.filter((p) => p.id !== 'en-3' && p.id !== 'fr-7');
    const renamed = [...fewer, { ...finalB[0], id: 'xx-1' }];
    expect(() => compareRuns(run('grpo', finalA), run('lang', renamed))).toThrow(
      expect.objectContaining({ name: 'InputError', message: expect.stringMatching(/2 of 150 only in run-grpo, 1 of 149 only in run-lang/) }),
    );
  });

  it('renders an aligned table and a markdown table naming the runs by their labels', () => {
    const c = compareRuns(run('grpo', finalA), run('lang', finalB));
    const text = renderComparison(c).split('\n');
    const header = text.findIndex((l) => l.startsWith('language'));
    expect(text[header]).toMatch(/grpo\s+lang\s+lang - grpo \(pts, 95% CI\)/);
    const rows = text.slice(header + 1);
    expect(rows.map((r) => r.split(/\s+/)[0])).toEqual(['de', 'en', 'fr', 'mean']);
    expect(rows[1]).toMatch(/^en\s+60\s+25\.0%\s+20\.0%\s+80\.0%\s+\+60\.0 \[\+\d+\.\d, \+\d+\.\d\]\s+100\.0% \/ 100\.0% \/ 100\.0%\s+lang$/);
    expect(rows[2]).toMatch(/grpo$/);
    // Aligned: the difference column ends at the same offset on every row.
    const ends = [text[header], ...rows].map((r) => r.search(/\](?=\s)|\)(?=\s+consistency)/));
    expect(new Set(ends.slice(1)).size).toBe(1);

    const markdown = renderComparisonMarkdown(c).split('\n');
    expect(markdown[0]).toBe('| language | problems | base | grpo | lang | lang - grpo (pts, 95% CI) | consistency base / grpo / lang | better |');
    expect(markdown[1]).toBe('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    expect(markdown[5]).toMatch(/^\| \*\*mean\*\* \| 150 \|/);
    expect(markdown.slice(2, 6).every((l) => l.split('|').length === 10)).toBe(true);
  });
});

describe('choosing the evaluations of a run', () => {
  const evaluation = (checkpoint: string, problems: number) => ({
    checkpoint,
    runId: 'r',
    result: { checkpoint, accuracy: 0, byLanguage: { en: { problems, accuracy: 0, consistency: null } }, problems: { uri: `blob-${checkpoint}`, sha256: '', bytes: 0 } },
  });
  const ledger = (evaluations: RunLedger['evaluations']): RunLedger => ({
    workflowId: 'run-x',
    executions: [{ runId: 'r', startedAt: '', outcome: 'completed', events: 0, steps: [] }],
    datasetId: 'dataset-1',
    initialCheckpoint: 'c0',
    steps: [{ step: 9, checkpointIn: 'c9', checkpointOut: 'c10', hyperparameters: {} as RunLedger['steps'][number]['hyperparameters'], hintFractions: {} }],
    controls: [],
    evaluations,
    activities: [],
  });

  it('takes the first and last full evaluations, not the smaller probes, with their steps', () => {
    const chosen = chooseEvaluations(ledger([evaluation('c0', 50), evaluation('c5', 10), evaluation('c10', 50), evaluation('c11', 10)]));
    expect(chosen.base).toEqual({ checkpoint: 'c0', step: 0, problems: { uri: 'blob-c0', sha256: '', bytes: 0 } });
    expect(chosen.final).toMatchObject({ checkpoint: 'c10', step: 10 });
    expect(chosen).toMatchObject({ workflowId: 'run-x', datasetId: 'dataset-1', outcome: 'completed' });
  });

  it('refuses a run without an evaluation after RL, naming it', () => {
    expect(() => chooseEvaluations(ledger([]))).toThrow(/run run-x has no evaluation to compare/);
    expect(() => chooseEvaluations(ledger([evaluation('c0', 50), evaluation('c5', 10)]))).toThrow(/run run-x has no evaluation after RL yet/);
  });

  it("compares a task's further measures, views and breakdowns like accuracy, and leaves a math comparison without them", () => {
    expect(compareRuns(run('grpo', finalA), run('lang', finalB)).measures).toBeUndefined();
    // A context-choice task: the choice view is right for B on every problem, for A on the even ones; the hop label
    // splits the problems in two.
    const withViews = (problems: GradedProblem[], choice: (i: number) => boolean) =>
      problems.map((p, i) => ({ ...p, metrics: { rubric: p.correct ? 1 : 0 }, views: { choice: { correct: choice(i), completion: '' } }, breakdown: { changedHop: i % 3 === 0 ? 'final' : 'earlier' } }));
    const a = withViews(finalA, (i) => i % 2 === 0);
    const b = withViews(finalB.slice().sort((x, y) => finalA.findIndex((p) => p.id === x.id) - finalA.findIndex((p) => p.id === y.id)), () => true);
    const c = compareRuns(run('grpo', a), run('contextrl', b));
    expect(c.measures!.map((m) => m.measure)).toEqual(['accuracy', 'rubric', 'choice accuracy']);
    const choice = c.measures![2];
    expect(choice.rows.map((r) => r.label)).toEqual(['de', 'en', 'fr', 'mean', 'changedHop=earlier', 'changedHop=final']);
    const mean = choice.rows[3];
    expect(mean.b).toBe(1);
    expect(mean.difference.mean).toBeCloseTo(1 - mean.a, 10);
    expect(mean.verdict).toBe('B');
    // The rubric of each problem equals its correctness here, so its table is accuracy's.
    expect(c.measures![1].rows.slice(0, 3).map((r) => r.b)).toEqual(c.byLanguage.map((l) => l.accuracy.b));
    const text = renderComparisonMarkdown(c);
    expect(text).toContain('| choice accuracy | problems | base | grpo | contextrl | contextrl - grpo (pts, 95% CI) | better |');
    expect(text).toContain('| changedHop=final |');
  });
});

