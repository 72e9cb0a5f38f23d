/**
 * The shape every reward returns, so that each component of each sample can be logged separately per step and per
 * language without knowing which reward produced it.
 */
export interface RewardResult {
  score: number;
  components: Record<string, number>;
  reason: string;
}
