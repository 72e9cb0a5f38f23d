/**
 * A task turns a dataset record into an episode: the prompt a policy sees, what reward terms grade it against, and
 * how a greedy completion is judged at evaluation. A dataset's kind picks its task (tasks/index.ts), so a run, an
 * evaluation and a warm-up read every kind of data through the same few calls.
 */
import type { ChatRenderOptions, ChatTemplate, Tokenizer } from '../../engine/tokenizer';
import type { RewardResult } from '../../rewards/rewardResult';

/** What a reward term may grade against; each term names the fields it needs, and a task the fields it provides. */
export interface Grading {
  /** The reference final answer (a canonical decimal for math). */
  answer?: string;
  /** A reference solution or text a judge compares against. */
  reference?: string;
  /** Other names the answer may be given by. */
  aliases?: readonly string[];
  /** Entities a good reasoning trace names (LongTraceRL's rubric: the walk's entities, the answer last). */
  rubric?: readonly string[];
}
export type GradingField = keyof Grading;

export interface Episode {
  id: string;
  language: string;
  split: 'train' | 'eval';
  grading: Grading;
  /** The reference solution in pieces a method may reveal as a hint (LANG); empty where there is none. */
  solution: readonly string[];
}

/** What a method may add to a prompt. */
export interface PromptOptions {
  /** Text shown between the question and the answer marker (LANG's hint). */
  hint?: string;
  /** One of the task's evaluation views instead of the training prompt (e.g. `closedBook`: the context removed). */
  view?: string;
}

export interface EpisodeGrade {
  correct: boolean;
  /** Share of the completion in the episode's language; null where the language cannot be identified. */
  consistency: number | null;
  /** The task's further measures of the completion, each in [0, 1] (e.g. LongTraceRL's rubric hit rate). */
  metrics?: Record<string, number>;
}

export interface Task<E extends Episode = Episode> {
  /** The dataset kind this task reads. */
  kind: string;
  /** The grading fields every episode of this task has. */
  grades: readonly GradingField[];
  /** The record fields its prompt is made of (an error about a prompt's length names them). */
  promptFields: readonly string[];
  /** Reads one record; `where` names the dataset and line for errors. */
  episode(record: Record<string, unknown>, where: string): E;
  prompt(episode: E, options?: PromptOptions): string;
  /** The completion a warm-up teaches; null when the episode has none. */
  demonstration(episode: E): string | null;
  /** Judges a greedy completion at evaluation, of the training prompt or of one of `views`. */
  evaluate(episode: E, completion: string, view?: string): EpisodeGrade;
  /** The `correct` reward term: whether the completion's final answer is the episode's; absent: the task has none. */
  answerReward?(episode: E, completion: string): RewardResult;
  /**
   * Prompts an evaluation shows every episode besides the training prompt, each judged on its own (e.g. the
   * question without its context, to show how much of the accuracy comes from reading it).
   */
  views?: readonly string[];
  /** Labels an evaluation also groups its episodes by (e.g. which hop's fact a contrastive context changed). */
  breakdown?(episode: E): Record<string, string>;
}

/**
 * How a prompt's text becomes the policy's tokens: raw text after bos (byte models, or `prompts.chatTemplate: false`),
 * or the user turn of the checkpoint's chat template, after an optional system turn, with the assistant's opening.
 */
export interface PromptRendering {
  tokenizer: Tokenizer;
  chat?: { template: ChatTemplate; system?: string; variables?: ChatRenderOptions['variables'] };
}

/** The prompt's tokens as the policy reads them. */
export function promptTokens<E extends Episode>(task: Task<E>, episode: E, rendering: PromptRendering, options?: PromptOptions): number[] {
  const text = task.prompt(episode, options);
  const { tokenizer, chat } = rendering;
  if (!chat) return tokenizer.encode(text, { bos: true });
  const system = chat.system === undefined ? [] : [{ role: 'system', content: chat.system }];
  // The template writes bos itself where the model has one (Llama), as transformers' apply_chat_template does.
  return tokenizer.encode(chat.template.render([...system, { role: 'user', content: text }], { addGenerationPrompt: true, variables: chat.variables }));
}
