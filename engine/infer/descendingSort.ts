const DIGIT_BITS = 16;
const BUCKETS = 1 << DIGIT_BITS;
/**
 * Below this many values the native sort is the faster (measured 2026-12-02: equal at 16k, radix 0.76 ms against
 * 0.009 ms at the byte vocabulary's 264, 8.2 ms against 17.6 ms at Qwen3's 151,936), since a radix pass walks all
 * 65,536 buckets whatever the length.
 */
const RADIX_FROM = 32_768;

/**
 * A copy of `values` sorted from the largest down: bit for bit what `Float64Array.from(values).sort().reverse()`
 * gives (+0 before -0, -Infinity last); from RADIX_FROM values by an LSD radix sort on the IEEE-754 bits in four
 * 16-bit digits. A sampler sorts a vocabulary's log-probs for every drawn token. NaN has no place in that order: it
 * throws, as a diverged model should.
 */
export function sortDescending(values: Float64Array): Float64Array {
  const n = values.length;
  if (values.some(Number.isNaN)) throw new Error('token choice: the log-probs contain NaN (the model diverged)');
  if (n < RADIX_FROM) return Float64Array.from(values).sort().reverse();
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  // Keys whose ascending order is the values' descending one, as high and low 32-bit halves (little-endian words):
  // a negative value keeps its bits (more negative, larger bits); a non-negative one has all but the sign flipped.
  let high = new Uint32Array(n);
  let low = new Uint32Array(n);
  const counts = [0, 1, 2, 3].map(() => new Uint32Array(BUCKETS));
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1];
    const negative = h >>> 31 === 1;
    const kh = negative ? h : ~h & 0x7fffffff;
    const kl = negative ? words[2 * i] : ~words[2 * i] >>> 0;
    high[i] = kh;
    low[i] = kl;
    counts[0][kl & 0xffff]++;
    counts[1][kl >>> 16]++;
    counts[2][kh & 0xffff]++;
    counts[3][kh >>> 16]++;
  }
  let nextHigh = new Uint32Array(n);
  let nextLow = new Uint32Array(n);
  for (let pass = 0; pass < 4; pass++) {
    const count = counts[pass];
    let start = 0;
    for (let d = 0; d < BUCKETS; d++) {
      const c = count[d];
      count[d] = start;
      start += c;
    }
    const digits = pass < 2 ? low : high;
    const shift = (pass % 2) * DIGIT_BITS;
    for (let i = 0; i < n; i++) {
      const at = count[(digits[i] >>> shift) & 0xffff]++;
      nextHigh[at] = high[i];
      nextLow[at] = low[i];
    }
    [high, nextHigh] = [nextHigh, high];
    [low, nextLow] = [nextLow, low];
  }
  const sorted = new Float64Array(n);
  const out = new Uint32Array(sorted.buffer);
  for (let i = 0; i < n; i++) {
    const negative = high[i] >>> 31 === 1;
    out[2 * i + 1] = negative ? high[i] : ~high[i] & 0x7fffffff;
    out[2 * i] = negative ? low[i] : ~low[i] >>> 0;
  }
  return sorted;
}
