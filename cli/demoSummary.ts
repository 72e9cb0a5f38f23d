/**
 * What the demo prints at the end of a LANG run: per language, hint-free accuracy and language consistency before
 * and after RL (with a paired-bootstrap 95% lower bound of the accuracy gain over the same held-out problems), the
 * hint fractions the rollouts used, and the schedule's switches.
 */
import type { GradedProblem } from '../activities/training/evaluateActivity';
import type { ArtifactStore } from '../store/artifactStore';
import { pairedBootstrap, type PairedDifference } from '../training/pairedBootstrap';
import type { RunLedger } from './runLedger';

export interface LanguageOutcome {
  problems: number;
  accuracyBefore: number;
  accuracyAfter: number;
  accuracyGain: PairedDifference;
  consistencyBefore: number | null;
  consistencyAfter: number | null;
  hintFirst: number;
  hintLast: number;
}

/** A hint switch of the schedule (LANG's events), as the demo prints it. */
export interface ScheduleSwitch {
  step: number;
  language: string;
  to: 'on' | 'off';
  reason: string;
  accuracyEma: number;
}

export interface DemoSummary {
  byLanguage: Record<string, LanguageOutcome>;
  switches: ScheduleSwitch[];
}

/** The graded problems of an evaluation (its `problems` blob of JSONL). */
export async function readGradedProblems(store: ArtifactStore, ref: { uri: string; sha256: string; bytes: number }): Promise<GradedProblem[]> {
  const text = Buffer.from(await store.getBlob(ref)).toString('utf8');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as GradedProblem);
}

/**
 * A run's full evaluations in history order (before RL, every `evaluation.every` steps, at the end): the largest
 * ones, not LANG's smaller probes.
 */
export function fullEvaluations(ledger: RunLedger): RunLedger['evaluations'] {
  const size = (e: RunLedger['evaluations'][number]) => Object.values(e.result.byLanguage).reduce((n, l) => n + l.problems, 0);
  const largest = Math.max(...ledger.evaluations.map(size));
  return ledger.evaluations.filter((e) => size(e) === largest);
}

/** `schedule` is the run's schedule state; its `events`, where it has them, are the hint switches. */
export async function demoSummary(ledger: RunLedger, schedule: unknown, store: ArtifactStore): Promise<DemoSummary> {
  const full = fullEvaluations(ledger);
  const first = full[0];
  const last = full[full.length - 1];
  if (!first || first === last) throw new Error(`run ${ledger.workflowId} has no evaluation before and after RL (set evaluation.every)`);
  const [before, after] = await Promise.all([readGradedProblems(store, first.result.problems), readGradedProblems(store, last.result.problems)]);
  const byLanguage: Record<string, LanguageOutcome> = {};
  for (const language of Object.keys(first.result.byLanguage).sort()) {
    const b = before.filter((p) => p.language === language);
    const a = new Map(after.filter((p) => p.language === language).map((p) => [p.id, p]));
    const paired = b.filter((p) => a.has(p.id));
    const steps = ledger.steps;
    byLanguage[language] = {
      problems: paired.length,
      accuracyBefore: first.result.byLanguage[language].accuracy,
      accuracyAfter: last.result.byLanguage[language]?.accuracy ?? 0,
      accuracyGain: pairedBootstrap(paired.map((p) => Number(p.correct)), paired.map((p) => Number(a.get(p.id)!.correct)), `demo/${language}`),
      consistencyBefore: first.result.byLanguage[language].consistency,
      consistencyAfter: last.result.byLanguage[language]?.consistency ?? null,
      hintFirst: steps[0]?.hintFractions[language] ?? 0,
      hintLast: steps[steps.length - 1]?.hintFractions[language] ?? 0,
    };
  }
  return { byLanguage, switches: (schedule as { events?: ScheduleSwitch[] } | undefined)?.events ?? [] };
}

export function renderDemoSummary(summary: DemoSummary): string {
  const pct = (x: number | null) => (x === null ? '  -  ' : `${(100 * x).toFixed(1).padStart(5)}%`);
  const lines = [
    'language  problems  accuracy before -> after  (gain, 95% lower bound)   consistency before -> after   hint first -> last',
    ...Object.entries(summary.byLanguage).map(([language, o]) =>
      [
        language.padEnd(9),
        String(o.problems).padStart(8),
        `  ${pct(o.accuracyBefore)} -> ${pct(o.accuracyAfter)}`,
        `  (${o.accuracyGain.mean >= 0 ? '+' : ''}${(100 * o.accuracyGain.mean).toFixed(1)} pts, ${(100 * o.accuracyGain.lower95).toFixed(1)})`.padEnd(26),
        `  ${pct(o.consistencyBefore)} -> ${pct(o.consistencyAfter)}`.padEnd(30),
        `  ${o.hintFirst.toFixed(2)} -> ${o.hintLast.toFixed(2)}`,
      ].join(''),
    ),
    summary.switches.length === 0 ? 'no hint switches' : 'hint switches:',
    ...summary.switches.map((e) => `  step ${e.step}: ${e.language} hints ${e.to} (${e.reason}, accuracy EMA ${(100 * e.accuracyEma).toFixed(1)}%)`),
  ];
  return lines.join('\n');
}
