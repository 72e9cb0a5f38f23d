/** What a stage commits: its checkpoint (none for an evaluation) and the figures `drl status` and reports show. */
export interface StageOutput {
  checkpoint?: string;
  metrics: Record<string, number>;
}

/** Shared by every training stage's input: its place in the pipeline and how it computes. */
export interface StageBasics {
  /** The stage's name (part of the committed output's key, so two equal stages of a pipeline are two outputs). */
  stage: string;
  datasetId: string;
  seed: number | string;
  threads: number;
}

export const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** First and last losses, each a mean over up to ten steps: what a stage's training did, in two numbers. */
export function lossSummary(losses: readonly number[]): { firstLoss: number; lastLoss: number } {
  const n = Math.min(10, losses.length);
  return { firstLoss: mean(losses.slice(0, n)), lastLoss: mean(losses.slice(-n)) };
}
