import { pairedBootstrap } from '../../training/pairedBootstrap';

describe('paired bootstrap', () => {
  it('puts the lower bound above 0 for a consistent gain and around 0 for noise', () => {
    const before = Array.from({ length: 200 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const gain = before.map((b, i) => (b === 1 || i % 5 === 1 || i % 5 === 2 ? 1 : 0));
    const result = pairedBootstrap(before, gain, 1);
    expect(result.mean).toBeCloseTo(0.4, 10);
    expect(result.lower95).toBeGreaterThan(0.3);
    const shuffled = before.map((_, i) => (i % 5 === 3 ? 1 : 0));
    const noise = pairedBootstrap(before, shuffled, 1);
    expect(noise.lower95).toBeLessThan(0);
    expect(noise.upper95).toBeGreaterThan(0);
  });

  it('is a pure function of its inputs and seed', () => {
    const a = [0, 1, 0, 1, 1];
    const b = [1, 1, 0, 1, 0];
    expect(pairedBootstrap(a, b, 'x')).toEqual(pairedBootstrap(a, b, 'x'));
    expect(() => pairedBootstrap(a, b.slice(1), 'x')).toThrow(/5 items before, 4 after/);
  });
});
