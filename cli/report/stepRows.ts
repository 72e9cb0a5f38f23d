/**
 * One flat row of metrics per training step, read from a run's ledger: what `drl metrics` exports and what
 * `drl report` plots, so the two can never disagree. Columns with a dot are families (`reward.en`,
 * `hyperparameters.lr`); a value the ledger does not hold (a step still running, no evaluation at that step) is null.
 */
import type { RewardOutput } from '../../activities/training/rewardActivity';
import type { RunLedger } from '../runLedger';

export type Cell = number | string | null;
export type StepRow = Record<string, Cell>;

/** The columns every row has, in export order; the per-language and hyperparameter families follow them. */
export const BASE_COLUMNS = ['step', 'checkpoint', 'meanReward', 'loss', 'kl', 'entropy', 'clipFraction', 'gradNorm', 'tokensPerSecond', 'seconds'] as const;

export interface StepTable {
  columns: string[];
  rows: StepRow[];
  /** Languages of the run's rewards and evaluations, sorted. */
  languages: string[];
  hyperparameterKeys: string[];
}

/**
 * Row k is the update that produced checkpoint k (steps count from 1, as the run's status and evaluations do).
 * `seconds` is the step's wall time: from scheduling its rollout to completing its update, retries included.
 * `evalAccuracy*` is filled at the steps whose checkpoint was evaluated.
 */
export function stepTable(ledger: RunLedger): StepTable {
  const rewardOf = (step: RunLedger['steps'][number]) => (step.reward?.result as RewardOutput | undefined)?.summary;
  const evaluationAt = new Map(ledger.evaluations.map((e) => [e.checkpoint, e.result]));
  const languages = [
    ...new Set([
      ...ledger.steps.flatMap((s) => Object.keys(rewardOf(s)?.byLanguage ?? {})),
      ...ledger.evaluations.flatMap((e) => Object.keys(e.result.byLanguage)),
    ]),
  ].sort();
  const hyperparameterKeys = [...new Set(ledger.steps.flatMap((s) => Object.keys(s.hyperparameters ?? {})))];
  const columns = [
    ...BASE_COLUMNS,
    ...hyperparameterKeys.map((key) => `hyperparameters.${key}`),
    ...languages.flatMap((language) => [`reward.${language}`, `accuracy.${language}`]),
    'evalAccuracy',
    ...languages.map((language) => `evalAccuracy.${language}`),
  ];
  const rows = ledger.steps.map((step) => {
    const summary = rewardOf(step);
    const metrics = step.metrics;
    const evaluation = step.checkpointOut ? evaluationAt.get(step.checkpointOut) : undefined;
    const started = step.rollout?.scheduledAt;
    const ended = step.update?.closedAt;
    const seconds = started && ended && step.checkpointOut ? (Date.parse(ended) - Date.parse(started)) / 1000 : null;
    const row: StepRow = {
      step: step.step + 1,
      checkpoint: step.checkpointOut ?? null,
      meanReward: summary?.meanReward ?? null,
      loss: metrics?.loss ?? null,
      kl: metrics?.kl ?? null,
      entropy: metrics?.entropy ?? null,
      clipFraction: metrics?.clipFraction ?? null,
      gradNorm: metrics?.gradNorm ?? null,
      // Sampled tokens over the step's wall time, as the history recorded it.
      tokensPerSecond: metrics && seconds ? metrics.tokens / seconds : null,
      seconds,
    };
    for (const key of hyperparameterKeys) row[`hyperparameters.${key}`] = (step.hyperparameters as Record<string, number> | undefined)?.[key] ?? null;
    for (const language of languages) {
      row[`reward.${language}`] = summary?.byLanguage[language]?.meanReward ?? null;
      row[`accuracy.${language}`] = summary?.byLanguage[language]?.accuracy ?? null;
    }
    row.evalAccuracy = evaluation?.accuracy ?? null;
    for (const language of languages) row[`evalAccuracy.${language}`] = evaluation?.byLanguage[language]?.accuracy ?? null;
    return row;
  });
  return { columns, rows, languages, hyperparameterKeys };
}

/** One JSON object per line, keys in column order. */
export function toJsonl(table: StepTable): string {
  return table.rows.map((row) => `${JSON.stringify(Object.fromEntries(table.columns.map((c) => [c, row[c] ?? null])))}\n`).join('');
}

/** RFC 4180 CSV with a header line; null is an empty cell. */
export function toCsv(table: StepTable): string {
  const cell = (value: Cell) => {
    if (value === null) return '';
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [table.columns, ...table.rows.map((row) => table.columns.map((c) => row[c] ?? null))].map((line) => `${line.map(cell).join(',')}\r\n`).join('');
}
