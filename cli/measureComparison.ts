/**
 * `drl compare` beyond accuracy: every further measure a task's evaluation records -- its metrics (LongTraceRL's
 * rubric hit rate), the accuracy and metrics of each of its views (closed-book, gold-only, ContextRL's choice) --
 * compared per language like accuracy, paired over the same problems, and pooled over the languages by each label
 * of the task's breakdown (ContextRL's changed hop). Math evaluations have none, so their comparison is unchanged.
 */
import type { GradedProblem } from '../activities/training/evaluateActivity';
import { pairedBootstrap, type PairedDifference } from '../training/pairedBootstrap';

export type Verdict = 'A' | 'B' | 'tie';

/** One row of a measure's table: its mean at the base, in A and in B, B - A with its interval. */
export interface MeasureRow {
  /** A language, "mean", or a breakdown label ("changedHop=final"). */
  label: string;
  problems: number;
  base: number;
  a: number;
  b: number;
  difference: PairedDifference;
  verdict: Verdict;
}

export interface MeasureComparison {
  /** "rubric", "closedBook accuracy", "choice accuracy", ... */
  measure: string;
  rows: MeasureRow[];
}

type Read = (p: GradedProblem) => number | undefined;

/** The measures the problems carry, each with how to read it from a graded problem. */
function measuresOf(problems: readonly GradedProblem[]): Array<{ measure: string; read: Read }> {
  const names = (all: ReadonlyArray<Record<string, unknown> | undefined>) => [...new Set(all.flatMap((m) => Object.keys(m ?? {})))].sort();
  const breakdowns = problems.some((p) => p.breakdown);
  const measures: Array<{ measure: string; read: Read }> = breakdowns ? [{ measure: 'accuracy', read: (p) => Number(p.correct) }] : [];
  for (const metric of names(problems.map((p) => p.metrics))) measures.push({ measure: metric, read: (p) => p.metrics?.[metric] });
  for (const view of names(problems.map((p) => p.views))) {
    measures.push({ measure: `${view} accuracy`, read: (p) => (p.views?.[view] ? Number(p.views[view].correct) : undefined) });
    for (const metric of names(problems.map((p) => p.views?.[view]?.metrics))) measures.push({ measure: `${view} ${metric}`, read: (p) => p.views?.[view]?.metrics?.[metric] });
  }
  return measures;
}

/** B when the interval of B - A lies above 0, A when below, tie otherwise. */
export function verdictOf(difference: PairedDifference): Verdict {
  if (difference.lower95 > 0) return 'B';
  if (difference.upper95 < 0) return 'A';
  return 'tie';
}

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / Math.max(values.length, 1);

/**
 * Each measure's table over the problems of A's final evaluation (`pairs` gives B's and the base's same problem):
 * a row per language, the mean over languages (each weighing the same, as accuracy's), a row per breakdown label.
 */
export function compareMeasures(
  finalA: readonly GradedProblem[],
  pairOf: (p: GradedProblem) => { b: GradedProblem; base: GradedProblem | undefined },
  languages: readonly string[],
): MeasureComparison[] {
  return measuresOf(finalA).map(({ measure, read }) => {
    const value = (p: GradedProblem | undefined) => (p === undefined ? 0 : (read(p) ?? 0));
    const row = (label: string, of: readonly GradedProblem[], weight: (p: GradedProblem) => number = () => 1): MeasureRow => {
      const difference = pairedBootstrap(
        of.map((p) => value(p) * weight(p)),
        of.map((p) => value(pairOf(p).b) * weight(p)),
        `compare/${measure}/${label}`,
      );
      return {
        label,
        problems: of.length,
        base: mean(of.map((p) => value(pairOf(p).base))),
        a: mean(of.map(value)),
        b: mean(of.map((p) => value(pairOf(p).b))),
        difference,
        verdict: verdictOf(difference),
      };
    };
    const byLanguage = languages.map((language) => row(language, finalA.filter((p) => p.language === language)));
    const count = new Map(byLanguage.map((r) => [r.label, r.problems]));
    const meanRow = row('mean', finalA, (p) => finalA.length / (languages.length * count.get(p.language)!));
    meanRow.base = mean(byLanguage.map((r) => r.base));
    meanRow.a = mean(byLanguage.map((r) => r.a));
    meanRow.b = mean(byLanguage.map((r) => r.b));
    const labels = [...new Set(finalA.flatMap((p) => Object.entries(p.breakdown ?? {}).map(([key, v]) => `${key}=${v}`)))].sort();
    const groups = labels.map((label) => {
      const [key, v] = label.split('=');
      return row(label, finalA.filter((p) => p.breakdown?.[key] === v));
    });
    return { measure, rows: [...byLanguage, meanRow, ...groups] };
  });
}

/** A measure's table as text cells: header first. */
export function measureCells(m: MeasureComparison, labelA: string, labelB: string): string[][] {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const pts = (x: number) => `${x > 0 ? '+' : ''}${(100 * x).toFixed(1)}`;
  const winner = (v: Verdict) => (v === 'A' ? labelA : v === 'B' ? labelB : 'tie');
  return [
    [m.measure, 'problems', 'base', labelA, labelB, `${labelB} - ${labelA} (pts, 95% CI)`, 'better'],
    ...m.rows.map((r) => [r.label, String(r.problems), pct(r.base), pct(r.a), pct(r.b), `${pts(r.difference.mean)} [${pts(r.difference.lower95)}, ${pts(r.difference.upper95)}]`, winner(r.verdict)]),
  ];
}
