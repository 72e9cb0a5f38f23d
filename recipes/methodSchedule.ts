/**
 * What a method's schedule is to the training workflow: pure state it carries from step to step (plain JSON, so it
 * survives continue-as-new, shows in the status query and is stored in every checkpoint), moved by a few hooks.
 * Workflow-safe: a schedule imports nothing with side effects.
 */

/** The hint-free evaluation a schedule starts from and probes with: accuracy per language. */
export interface ScheduleEvaluation {
  byLanguage: Readonly<Record<string, { accuracy: number }>>;
}

export interface MethodSchedule<Config = unknown, State = unknown, RolloutParameters = Record<string, unknown>> {
  /** The state before the first step, from the base policy's evaluation. */
  init(config: Config, base: ScheduleEvaluation): State;
  /** What the method tells the rollout of the next step (its activity side turns it into prompt options). */
  rolloutParameters(state: State): RolloutParameters;
  /** After step `step` (1-based, once its reward is known). */
  afterStep(state: State, step: number): State;
  /** An evaluation of the newest checkpoint the schedule folds in, at the steps it asks for. */
  probe?: {
    due(state: State, step: number): boolean;
    /** Eval problems per language; undefined: the run's evaluation.problems. */
    problems(config: Config): number | undefined;
    observe(state: State, step: number, evaluation: ScheduleEvaluation): State;
  };
}
