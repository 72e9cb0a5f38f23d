/**
 * A training run's report: one self-contained HTML page (inline CSS and SVG, no script, no external resource) with
 * the learning curves of its ledger, hyperparameter changes marked on every curve, and the run's identity on top.
 */
import type { RunLedger } from '../runLedger';
import { stepTable, type StepRow, type StepTable } from './stepRows';
import { escapeXml, svgLineChart, type ChartMarker, type ChartSeries } from './svgLineChart';

/** The per-step curves after the reward chart: column, title. */
const METRIC_CHARTS: Array<[string, string]> = [
  ['loss', 'Policy loss'],
  ['kl', 'KL to the reference policy'],
  ['entropy', 'Entropy (mean -log p of sampled tokens)'],
  ['clipFraction', 'Clip fraction'],
  ['gradNorm', 'Gradient norm (before clipping)'],
  ['tokensPerSecond', 'Update throughput (tokens/s)'],
  ['seconds', 'Step wall time (s)'],
];

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1320px;color:#222}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}table{border-collapse:collapse;font-size:13px}
td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}code{font-size:12px}
.charts{display:flex;flex-wrap:wrap;gap:12px}.chart{border:1px solid #eee;background:#fff}
.chart text{font-size:11px;fill:#333}.chart .title{font-size:13px;font-weight:600}
.chart .axes line{stroke:#999}.chart .grid{stroke:#eee}.chart .marker{stroke:#aa3377;stroke-dasharray:4 3}`;

export interface RunReport {
  html: string;
  table: StepTable;
  finalCheckpoint?: string;
}

export function renderRunReport(ledger: RunLedger): RunReport {
  const table = stepTable(ledger);
  const markers = hyperparameterMarkers(table);
  const finalCheckpoint = [...ledger.steps].reverse().find((s) => s.checkpointOut)?.checkpointOut ?? ledger.initialCheckpoint;
  const column = (name: string): Array<[number, number]> => table.rows.map((row) => [row.step as number, row[name] as number]);
  const rewardSeries: ChartSeries[] = [
    { name: 'all languages', points: column('meanReward') },
    ...(table.languages.length > 1 ? table.languages.map((l) => ({ name: l, points: column(`reward.${l}`) })) : []),
  ];
  const charts = [
    svgLineChart({ id: 'chart-meanReward', title: 'Mean reward per step', xLabel: 'step', series: rewardSeries, markers }),
    svgLineChart({ id: 'chart-trainAccuracy', title: 'Training accuracy per language (sampled)', xLabel: 'step', series: table.languages.map((l) => ({ name: l, points: column(`accuracy.${l}`) })), markers }),
    svgLineChart({ id: 'chart-evalAccuracy', title: 'Held-out accuracy per language (greedy, no hints)', xLabel: 'step', series: evaluationSeries(ledger, table, 'accuracy'), markers, dots: true }),
    svgLineChart({ id: 'chart-evalConsistency', title: 'Held-out language consistency per language', xLabel: 'step', series: evaluationSeries(ledger, table, 'consistency'), markers, dots: true }),
    ...(ledger.steps.some((s) => Object.keys(s.hintFractions).length > 0)
      ? [svgLineChart({ id: 'chart-hintFractions', title: 'Hint fraction per language (LANG)', xLabel: 'step', series: hintSeries(ledger), markers })]
      : []),
    ...METRIC_CHARTS.map(([name, title]) => svgLineChart({ id: `chart-${name}`, title, xLabel: 'step', series: [{ name, points: column(name) }], markers })),
  ];
  const header: Array<[string, string]> = [
    ['run', ledger.workflowId],
    ['config hash', ledger.configHash ?? '(not planned yet)'],
    ['dataset', ledger.datasetId ?? '(not built yet)'],
    ['initial checkpoint', ledger.initialCheckpoint ?? '-'],
    ['final checkpoint', finalCheckpoint ?? '-'],
    ['steps recorded', String(table.rows.filter((r) => r.checkpoint !== null).length)],
    ['executions', ledger.executions.map((e) => `${e.runId.slice(0, 8)} ${e.outcome} (${e.events} events)`).join(', ')],
  ];
  const html = [
    '<!DOCTYPE html>',
    `<html lang="en"><head><meta charset="utf-8"><title>drl report ${escapeXml(ledger.workflowId)}</title><style>${STYLE}</style></head><body>`,
    `<h1>Training run ${escapeXml(ledger.workflowId)}</h1>`,
    `<table class="header">${header.map(([k, v]) => `<tr><th>${escapeXml(k)}</th><td><code>${escapeXml(v)}</code></td></tr>`).join('')}</table>`,
    '<h2>Learning curves</h2>',
    `<div class="charts">${charts.join('')}</div>`,
    '<h2>Hyperparameter changes</h2>',
    changesTable(ledger, markers),
    '<h2>Config</h2>',
    `<pre>${escapeXml(JSON.stringify(ledger.config ?? {}, null, 2))}</pre>`,
    '</body></html>',
    '',
  ].join('\n');
  return { html, table, finalCheckpoint };
}

/** The hint fraction each step's rollout used, per language. */
function hintSeries(ledger: RunLedger): ChartSeries[] {
  const languages = [...new Set(ledger.steps.flatMap((s) => Object.keys(s.hintFractions)))].sort();
  return languages.map((l) => ({ name: l, points: ledger.steps.map((s): [number, number] => [s.step + 1, s.hintFractions[l] ?? NaN]) }));
}

/** A held-out metric at each evaluated checkpoint, placed at that checkpoint's step (0: before any update). */
function evaluationSeries(ledger: RunLedger, table: StepTable, metric: 'accuracy' | 'consistency'): ChartSeries[] {
  const stepOf = new Map<string, number>();
  for (const s of ledger.steps) {
    stepOf.set(s.checkpointIn, s.step);
    if (s.checkpointOut) stepOf.set(s.checkpointOut, s.step + 1);
  }
  const evaluated = ledger.evaluations.filter((e) => stepOf.has(e.checkpoint)).map((e) => ({ step: stepOf.get(e.checkpoint)!, result: e.result }));
  const perLanguage = table.languages.map((l) => ({ name: l, points: evaluated.map((e): [number, number] => [e.step, e.result.byLanguage[l]?.[metric] ?? NaN]) }));
  return metric === 'accuracy' ? [{ name: 'all languages', points: evaluated.map((e): [number, number] => [e.step, e.result.accuracy]) }, ...perLanguage] : perLanguage;
}

/** A marker at the first step whose update used a changed hyperparameter value. */
export function hyperparameterMarkers(table: StepTable): ChartMarker[] {
  const markers: ChartMarker[] = [];
  let previous: StepRow | undefined;
  for (const row of table.rows) {
    const changes = previous
      ? table.hyperparameterKeys.filter((k) => row[`hyperparameters.${k}`] !== previous![`hyperparameters.${k}`]).map((k) => `${k} ${previous![`hyperparameters.${k}`]} -> ${row[`hyperparameters.${k}`]}`)
      : [];
    if (changes.length > 0) markers.push({ x: row.step as number, label: `step ${row.step}: ${changes.join(', ')}` });
    previous = row;
  }
  return markers;
}

function changesTable(ledger: RunLedger, markers: ChartMarker[]): string {
  const requests = ledger.controls.filter((c) => c.kind === 'set');
  if (markers.length === 0 && requests.length === 0) return '<p>None: every step ran with the config\'s hyperparameters.</p>';
  const applied = markers.map((m) => `<li>${escapeXml(m.label)}</li>`).join('');
  const rows = requests
    .map((c) => `<tr><td>${escapeXml(c.at)}</td><td>${escapeXml(c.sender)}</td><td>${c.effectiveStep}</td><td><code>${escapeXml(JSON.stringify(c.detail ?? {}))}</code></td></tr>`)
    .join('');
  return `<ul>${applied}</ul><table><tr><th>requested at</th><th>sender</th><th>first step index</th><th>change</th></tr>${rows}</table>`;
}
