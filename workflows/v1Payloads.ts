/**
 * Payloads that milestone-1 runs recorded in their histories (planRun results, policy starts, continue-as-new
 * inputs), read in today's shape. A running run and every recorded history in test/fixtures/histories/ hold them,
 * so they stay readable for as long as ARCHITECTURE.md's versioning policy keeps those histories (see "Versioning").
 */
import type { RunConfig } from '../training/runConfig';

type V1Config = Record<string, unknown> & { recipe?: string; lang?: { probeProblems?: number } };

/** A v1 config (`recipe: grpo|lang`, LANG's section beside it) as a canonical one (`method: plain|lang`). */
export function upgradeConfig(config: RunConfig | V1Config): RunConfig {
  if (!('recipe' in config)) return config as RunConfig;
  const { recipe, ...rest } = config as V1Config;
  return { ...rest, method: recipe === 'grpo' ? 'plain' : recipe, execution: DEFAULT_EXECUTION } as unknown as RunConfig;
}

/** The execution settings a config gets by default: the timeouts every milestone-1 run had, before they were configurable. */
export const DEFAULT_EXECUTION: RunConfig['execution'] = { heartbeatTimeout: '10 seconds', gpuActivityTimeout: '4 hours', cpuActivityTimeout: '1 hour', retryMaximumInterval: '30 seconds' };

/** A v1 plan carried LANG's resolved schedule as `lang`; today's carries the method's config. */
export function upgradeMethodConfig(plan: { methodConfig?: unknown; lang?: unknown; config: RunConfig | V1Config }): unknown {
  if ('methodConfig' in plan || !plan.lang) return plan.methodConfig;
  const probeProblems = (plan.config as V1Config).lang?.probeProblems;
  return { schedule: plan.lang, ...(probeProblems === undefined ? {} : { probeProblems }) };
}

/** A v1 policy start or checkpoint named the schedule state `recipe`. */
export function upgradeSchedule(start: { schedule?: Record<string, unknown>; recipe?: Record<string, unknown> }): Record<string, unknown> {
  return start.schedule ?? start.recipe ?? {};
}
