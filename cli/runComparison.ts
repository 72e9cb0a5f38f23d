/**
 * `drl compare`: two finished training runs side by side on the same held-out problems, per language -- the base
 * before RL, each run's final accuracy, the paired difference B - A with a paired-bootstrap 95% interval, language
 * consistency, and which run wins where. Only paired comparisons are honest, so runs evaluated on different problems
 * are refused rather than compared.
 */
import type { GradedProblem } from '../activities/training/evaluateActivity';
import { InputError } from '../core/errors';
import { pairedBootstrap, type PairedDifference } from '../training/pairedBootstrap';
import { fullEvaluations } from './demoSummary';
import { compareMeasures, measureCells, verdictOf, type MeasureComparison, type Verdict } from './measureComparison';
import type { RunLedger } from './runLedger';

export interface ChosenEvaluation {
  checkpoint: string;
  /** The training step the checkpoint came out of (0 = before RL); null when the ledger does not say. */
  step: number | null;
  problems: RunLedger['evaluations'][number]['result']['problems'];
}

/** Which of a run's evaluations a comparison reads: its first full one (the base) and its last. */
export interface ChosenEvaluations {
  workflowId: string;
  datasetId: string | null;
  /** How the run's newest execution ended ('completed', 'running', ...). */
  outcome: string;
  base: ChosenEvaluation;
  final: ChosenEvaluation;
}

export interface EvaluatedCheckpoint {
  checkpoint: string;
  step: number | null;
  graded: GradedProblem[];
}

export interface ComparedRun {
  label: string;
  workflowId: string;
  datasetId: string | null;
  outcome: string;
  base: EvaluatedCheckpoint;
  final: EvaluatedCheckpoint;
}

export type { Verdict };

export interface LanguageComparison {
  language: string;
  problems: number;
  accuracy: { base: number; a: number; b: number };
  /** Paired over the same problems; mean, lower95 and upper95 of accuracy(B) - accuracy(A). */
  difference: PairedDifference;
  consistency: { base: number | null; a: number | null; b: number | null };
  /** B when the interval lies above 0, A when below, tie otherwise. */
  verdict: Verdict;
}

export interface RunComparison {
  a: { label: string; workflowId: string; datasetId: string | null; outcome: string; base: { checkpoint: string; step: number | null }; final: { checkpoint: string; step: number | null } };
  b: RunComparison['a'];
  /**
   * The base column is run A's base; true when B's base gave the same completion to every problem (checkpoint ids
   * cannot say: they also hash the run's settings, so two runs from the same weights have different ones).
   */
  sameBase: boolean;
  byLanguage: LanguageComparison[];
  /** Every column averaged over the languages, each language weighing the same. */
  mean: Omit<LanguageComparison, 'language'>;
  /** The task's further measures (metrics, views, breakdowns), each a table like accuracy's; absent for math. */
  measures?: MeasureComparison[];
}

/** A run's base and final full evaluations, or an InputError naming the run when it has none after RL. */
export function chooseEvaluations(ledger: RunLedger): ChosenEvaluations {
  const full = fullEvaluations(ledger);
  const first = full[0];
  const last = full[full.length - 1];
  if (!first) throw new InputError(`run ${ledger.workflowId} has no evaluation to compare (set evaluation.every > 0 in its config)`);
  if (first === last) throw new InputError(`run ${ledger.workflowId} has no evaluation after RL yet (only the one of checkpoint ${first.checkpoint})`);
  const chosen = (e: RunLedger['evaluations'][number]): ChosenEvaluation => ({ checkpoint: e.checkpoint, step: stepOf(ledger, e.checkpoint), problems: e.result.problems });
  return {
    workflowId: ledger.workflowId,
    datasetId: ledger.datasetId ?? null,
    outcome: ledger.executions[ledger.executions.length - 1]?.outcome ?? 'unknown',
    base: chosen(first),
    final: chosen(last),
  };
}

function stepOf(ledger: RunLedger, checkpoint: string): number | null {
  if (checkpoint === ledger.initialCheckpoint) return 0;
  const step = ledger.steps.find((s) => s.checkpointOut === checkpoint);
  return step ? step.step + 1 : null;
}

/** Compares run B against run A on their final evaluations; refuses unless both graded the same problems. */
export function compareRuns(a: ComparedRun, b: ComparedRun): RunComparison {
  if (a.datasetId && b.datasetId && a.datasetId !== b.datasetId) {
    throw new InputError(`runs ${a.workflowId} and ${b.workflowId} were trained on different datasets (${a.datasetId}, ${b.datasetId}): no paired comparison`);
  }
  const idsA = new Set(a.final.graded.map((p) => p.id));
  const idsB = new Map(b.final.graded.map((p) => [p.id, p]));
  const onlyA = [...idsA].filter((id) => !idsB.has(id)).length;
  const onlyB = [...idsB.keys()].filter((id) => !idsA.has(id)).length;
  if (onlyA + onlyB > 0) {
    throw new InputError(
      `the final evaluations of ${a.workflowId} and ${b.workflowId} graded different problems (${onlyA} of ${idsA.size} only in ${a.workflowId}, ` +
        `${onlyB} of ${idsB.size} only in ${b.workflowId}): no paired comparison`,
    );
  }
  if (idsA.size === 0) throw new InputError(`the final evaluations of ${a.workflowId} and ${b.workflowId} graded no problems`);
  const languages = [...new Set([...a.final.graded, ...b.final.graded].map((p) => p.language))].sort();
  const byLanguage = languages.map((language): LanguageComparison => {
    const inA = a.final.graded.filter((p) => p.language === language);
    const inB = inA.map((p) => idsB.get(p.id)!);
    const base = a.base.graded.filter((p) => p.language === language);
    const difference = pairedBootstrap(inA.map(correct), inB.map(correct), `compare/${language}`);
    return {
      language,
      problems: inA.length,
      accuracy: { base: accuracy(base), a: accuracy(inA), b: accuracy(inB) },
      difference,
      consistency: { base: consistency(base), a: consistency(inA), b: consistency(inB) },
      verdict: verdictOf(difference),
    };
  });
  const summary = (run: ComparedRun): RunComparison['a'] => ({
    label: run.label,
    workflowId: run.workflowId,
    datasetId: run.datasetId,
    outcome: run.outcome,
    base: { checkpoint: run.base.checkpoint, step: run.base.step },
    final: { checkpoint: run.final.checkpoint, step: run.final.step },
  });
  const baseById = new Map(a.base.graded.map((p) => [p.id, p]));
  const measures = compareMeasures(a.final.graded, (p) => ({ b: idsB.get(p.id)!, base: baseById.get(p.id) }), languages);
  return {
    a: summary(a),
    b: summary(b),
    sameBase: sameAnswers(a.base.graded, b.base.graded),
    byLanguage,
    mean: meanRow(a, idsB, byLanguage),
    ...(measures.length > 0 ? { measures } : {}),
  };
}

/**
 * The mean over languages, with its interval from one bootstrap over all pairs: each problem's correctness is scaled
 * by problems / (languages x its language's problems), so the mean of the scaled differences is exactly the mean of
 * the per-language differences even when the languages have different numbers of problems.
 */
function meanRow(a: ComparedRun, idsB: Map<string, GradedProblem>, byLanguage: LanguageComparison[]): RunComparison['mean'] {
  const count = new Map(byLanguage.map((l) => [l.language, l.problems]));
  const weight = (p: GradedProblem) => a.final.graded.length / (byLanguage.length * count.get(p.language)!);
  const pairsA = a.final.graded;
  const difference = pairedBootstrap(
    pairsA.map((p) => correct(p) * weight(p)),
    pairsA.map((p) => correct(idsB.get(p.id)!) * weight(p)),
    'compare/mean',
  );
  return {
    problems: pairsA.length,
    accuracy: { base: mean(byLanguage.map((l) => l.accuracy.base)), a: mean(byLanguage.map((l) => l.accuracy.a)), b: mean(byLanguage.map((l) => l.accuracy.b)) },
    difference,
    consistency: {
      base: meanOfKnown(byLanguage.map((l) => l.consistency.base)),
      a: meanOfKnown(byLanguage.map((l) => l.consistency.a)),
      b: meanOfKnown(byLanguage.map((l) => l.consistency.b)),
    },
    verdict: verdictOf(difference),
  };
}

const correct = (p: GradedProblem) => Number(p.correct);

function sameAnswers(a: GradedProblem[], b: GradedProblem[]): boolean {
  const completions = new Map(b.map((p) => [p.id, p.completion]));
  return a.length === b.length && a.every((p) => completions.get(p.id) === p.completion);
}

/** The same formulas as the evaluate activity's byLanguage, over the given problems. */
function accuracy(problems: GradedProblem[]): number {
  return problems.length === 0 ? 0 : mean(problems.map(correct));
}

function consistency(problems: GradedProblem[]): number | null {
  return meanOfKnown(problems.map((p) => p.consistency));
}

/** The mean of the values that are known; null when none is. */
function meanOfKnown(values: ReadonlyArray<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? mean(known) : null;
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}


/** The table's header and rows as text cells, shared by the aligned and the markdown rendering. */
function tableCells(c: RunComparison): string[][] {
  const pct = (x: number | null) => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);
  const pts = (x: number) => `${x > 0 ? '+' : ''}${(100 * x).toFixed(1)}`;
  const winner = (v: Verdict) => (v === 'A' ? c.a.label : v === 'B' ? c.b.label : 'tie');
  const row = (language: string, l: Omit<LanguageComparison, 'language'>) => [
    language,
    String(l.problems),
    pct(l.accuracy.base),
    pct(l.accuracy.a),
    pct(l.accuracy.b),
    `${pts(l.difference.mean)} [${pts(l.difference.lower95)}, ${pts(l.difference.upper95)}]`,
    `${pct(l.consistency.base)} / ${pct(l.consistency.a)} / ${pct(l.consistency.b)}`,
    winner(l.verdict),
  ];
  return [
    ['language', 'problems', 'base', c.a.label, c.b.label, `${c.b.label} - ${c.a.label} (pts, 95% CI)`, `consistency base / ${c.a.label} / ${c.b.label}`, 'better'],
    ...c.byLanguage.map((l) => row(l.language, l)),
    row('mean', c.mean),
  ];
}

function describeRuns(c: RunComparison): string[] {
  const at = (e: { checkpoint: string; step: number | null }) => `step ${e.step ?? '?'} (checkpoint ${e.checkpoint})`;
  const run = (r: RunComparison['a']) => `${r.label} = ${r.workflowId}: final evaluation at ${at(r.final)}${r.outcome === 'completed' ? '' : `, run ${r.outcome === 'running' ? 'still running' : r.outcome}`}`;
  return [
    run(c.a),
    run(c.b),
    `base = ${c.a.label}'s evaluation at ${at(c.a.base)}${c.sameBase ? ', the same for both' : `; ${c.b.label}'s base (checkpoint ${c.b.base.checkpoint}) answered differently`}`,
    'paired over the same held-out problems; "better" names a run only where the 95% interval of the difference excludes 0',
  ];
}

function alignedTable(cells: string[][]): string[] {
  const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 || i === r.length - 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return cells.map(line);
}

export function renderComparison(c: RunComparison): string {
  const measures = (c.measures ?? []).flatMap((m) => ['', ...alignedTable(measureCells(m, c.a.label, c.b.label))]);
  return [...describeRuns(c), '', ...alignedTable(tableCells(c)), ...measures].join('\n');
}

export function renderComparisonMarkdown(c: RunComparison): string {
  const line = (r: string[]) => `| ${r.join(' | ')} |`;
  const bold = (r: string[]) => (r[0] === 'mean' ? [`**${r[0]}**`, ...r.slice(1)] : r);
  const table = ([header, ...rows]: string[][]) => [line(header), line(header.map((_, i) => (i === 0 || i === header.length - 1 ? '---' : '---:'))), ...rows.map((r) => line(bold(r)))];
  const measures = (c.measures ?? []).flatMap((m) => ['', ...table(measureCells(m, c.a.label, c.b.label))]);
  return [...table(tableCells(c)), ...measures, '', ...describeRuns(c).map((s) => `- ${s}`)].join('\n');
}
