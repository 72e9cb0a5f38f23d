/**
 * What a method is to the activities: its config section, and what it adds to a task's episodes. Its schedule, the
 * part the workflow runs, is the workflow-side file (methodSchedule.ts); a method without one trains on the task's
 * plain prompts and rewards.
 */
import type { z } from 'zod';
import type { AuxiliaryRows } from '../engine/train';
import type { RunConfig } from '../training/runConfig';
import type { Episode, PromptOptions, PromptRendering, Task } from '../training/tasks';

export interface Method {
  /** One line for `drl config reference`. */
  summary: string;
  /** The dataset kinds the method trains on; absent: any. */
  kinds?: readonly string[];
  /** The method's own config section, under the method's name (e.g. `lang:`). */
  section?: z.ZodType;
  /** The section resolved into the config the method's schedule runs with; `where` names the section in errors. */
  resolve?(section: unknown, run: RunConfig, where: string): unknown;
  /** What the rollout shows an episode, from the schedule's rollout parameters. */
  promptOptions?(episode: Episode, parameters: unknown): PromptOptions;
  /** The largest prompt the method may ever show an episode: the one that must fit maxPromptTokens. */
  largestPromptOptions?(episode: Episode): PromptOptions;
  /** A loss the update adds to the policy's (ContextRL's margin), on rows made from the step's episodes. */
  auxiliary?(step: AuxiliaryStep): AuxiliaryRows;
}

/** What an auxiliary loss's rows are made from: the step's episodes, one per prompt slot, in slot order. */
export interface AuxiliaryStep {
  episodes: readonly Episode[];
  task: Task;
  rendering: PromptRendering;
  /** The method's resolved config (what `resolve` returned). */
  config: unknown;
}
