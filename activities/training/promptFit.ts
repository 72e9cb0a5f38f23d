import { InputError } from '../../core/errors';
import type { Method } from '../../recipes/methods';
import { promptTokens, type Episode, type PromptRendering, type Task } from '../../training/tasks';

/** Episodes whose largest prompt (with everything the method may add, and every view) fits, and those that do not, with their length. */
export interface PromptFit {
  fitting: Episode[];
  skipped: Array<{ episode: Episode; tokens: number }>;
}

/**
 * Sorts episodes by whether the largest prompt the method may show them fits maxPromptTokens (bos or the chat
 * template's tokens included). Every evaluation view's prompt must fit too, so that twins of different methods
 * train and evaluate on the same records.
 */
export function promptFit(task: Task, method: Method, episodes: readonly Episode[], rendering: PromptRendering, maxPromptTokens: number): PromptFit {
  const fit: PromptFit = { fitting: [], skipped: [] };
  const views = task.views ?? [];
  for (const episode of episodes) {
    const shown = [method.largestPromptOptions?.(episode), ...views.map((view) => ({ view }))];
    const tokens = Math.max(...shown.map((options) => promptTokens(task, episode, rendering, options).length));
    if (tokens <= maxPromptTokens) fit.fitting.push(episode);
    else fit.skipped.push({ episode, tokens });
  }
  return fit;
}

/** The training episodes a run draws from; none fitting is an error that names the longest prompt's source. */
export function trainingPool(task: Task, method: Method, train: readonly Episode[], rendering: PromptRendering, maxPromptTokens: number): Episode[] {
  const { fitting, skipped } = promptFit(task, method, train, rendering, maxPromptTokens);
  if (fitting.length === 0) throw new InputError(`no training record's prompt fits maxPromptTokens = ${maxPromptTokens} (the shortest is ${Math.min(...skipped.map((s) => s.tokens))} tokens); raise it`);
  return fitting;
}

/** What a skipped record is reported as: the dataset, the record and the fields its prompt is made of. */
export function describeSkipped(datasetId: string, task: Task, skipped: { episode: Episode; tokens: number }, maxPromptTokens: number): string {
  return `dataset ${datasetId}, record ${skipped.episode.id}: field ${task.promptFields.join(' + ')} makes a prompt of ${skipped.tokens} tokens, over maxPromptTokens ${maxPromptTokens}`;
}
