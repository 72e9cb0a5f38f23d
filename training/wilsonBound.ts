/**
 * The lower end of the Wilson score interval for a binomial proportion (z = 1.96: 95%, two-sided). It stays inside
 * [0, 1] and is sensible for small samples and for proportions near 0 or 1, where the normal approximation is not.
 */
export function wilsonLowerBound(successes: number, trials: number, z = 1.96): number {
  if (trials === 0) return 0;
  const p = successes / trials;
  const z2 = z * z;
  const centre = p + z2 / (2 * trials);
  const spread = z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return (centre - spread) / (1 + z2 / trials);
}
