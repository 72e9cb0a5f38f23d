import type { RunLedger, LedgerActivity } from './runLedger';

const short = (id: string | undefined) => (id ? id.slice(0, 12) : '-');

function attempts(activity: LedgerActivity | undefined): string {
  if (!activity) return '-';
  const retried = activity.attempt > 1 ? ` x${activity.attempt}` : '';
  return `${activity.seconds?.toFixed(2) ?? '?'}s${retried}`;
}

/** The whole run as text: its executions as a timeline, then one lineage row per step, then the changes. */
export function renderAudit(ledger: RunLedger, environment: Record<string, unknown> | undefined): string {
  const lines = [`run ${ledger.workflowId}`, `config ${ledger.configHash ?? '-'}  dataset ${ledger.datasetId ?? '-'}  initial checkpoint ${ledger.initialCheckpoint ?? '-'}`];
  const check = ledger.promptCheck;
  if (check) {
    lines.push(`prompts over maxPromptTokens, skipped: ${check.trainSkipped} of ${check.train} training and ${check.heldOutSkipped} of ${check.heldOut} held-out records`);
    for (const example of check.examples) lines.push(`  ${example}`);
  }
  if (environment) lines.push(`code and environment: ${Object.entries(environment).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  lines.push('', 'timeline');
  for (const e of ledger.executions) {
    const steps = e.steps.length > 0 ? `steps ${e.steps[0]}..${e.steps[e.steps.length - 1]}` : 'no steps';
    lines.push(`  ${e.startedAt} -> ${e.closedAt ?? 'now'}  ${e.runId}  ${e.outcome}  ${steps}  ${e.events} events`);
  }
  for (const c of ledger.controls) lines.push(`  ${c.at}  ${c.kind} by ${c.sender} (client ${c.clientIdentity ?? '?'}), effective at step ${c.effectiveStep}${c.detail ? ` ${JSON.stringify(c.detail)}` : ''}`);
  const failures = ledger.activities.filter((a) => a.lastFailure || a.failure);
  for (const a of failures) lines.push(`  ${a.startedAt ?? a.scheduledAt}  ${a.type} attempt ${a.attempt}${a.lastFailure ? ` after: ${a.lastFailure}` : ''}${a.failure ? ` failed: ${a.failure}` : ''}`);
  lines.push('', 'step  checkpoint in -> out          rollout      reward       update       reward  loss     lr        workers');
  for (const s of ledger.steps) {
    const workers = [...new Set([s.rollout?.worker, s.reward?.worker, s.update?.worker].filter(Boolean))].join(' ');
    lines.push(
      [
        String(s.step).padStart(4),
        `${short(s.checkpointIn)} -> ${short(s.checkpointOut)}`.padEnd(30),
        attempts(s.rollout).padEnd(12),
        attempts(s.reward).padEnd(12),
        attempts(s.update).padEnd(12),
        (s.meanReward?.toFixed(3) ?? '-').padEnd(7),
        (s.metrics?.loss.toFixed(4) ?? '-').padEnd(8),
        String(s.hyperparameters?.lr ?? '-').padEnd(9),
        workers,
      ].join(' '),
    );
  }
  for (const e of ledger.evaluations) {
    const byLanguage = Object.entries(e.result.byLanguage).map(([l, r]) => `${l} ${(r.accuracy * 100).toFixed(1)}%`).join(', ');
    lines.push(`evaluation of ${short(e.checkpoint)}: ${(e.result.accuracy * 100).toFixed(1)}% (${byLanguage})`);
  }
  return lines.join('\n');
}
