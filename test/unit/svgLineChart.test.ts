import { niceTicks, svgLineChart } from '../../cli/report/svgLineChart';

describe('svgLineChart', () => {
  it('chooses round ticks that cover the data', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(1, 37)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(-0.013, 0.004)).toEqual([-0.015, -0.01, -0.005, 0, 0.005]);
    const flat = niceTicks(3, 3);
    expect(flat[0]).toBeLessThan(3);
    expect(flat[flat.length - 1]).toBeGreaterThan(3);
  });

  it('draws a polyline vertex per finite point inside the plot, markers, escaped names, and the same bytes twice', () => {
    const options = {
      id: 'c',
      title: 'a <b> & "c"',
      xLabel: 'step',
      series: [
        { name: 'en', points: [[1, 0.5], [2, NaN], [3, 0.25]] as Array<[number, number]> },
        { name: 'de', points: [[1, 1], [2, 0], [3, 0.75]] as Array<[number, number]> },
      ],
      markers: [{ x: 2, label: 'lr 0.001 -> 0.002' }],
    };
    const svg = svgLineChart(options);
    expect(svg).toBe(svgLineChart(options));
    expect(svg).toContain('a &lt;b&gt; &amp; &quot;c&quot;');
    const polylines = [...svg.matchAll(/points="([^"]*)"/g)].map(([, p]) => p.split(' ').map((xy) => xy.split(',').map(Number)));
    expect(polylines.map((p) => p.length)).toEqual([2, 3]);
    for (const [x, y] of polylines.flat()) {
      expect(x).toBeGreaterThanOrEqual(58);
      expect(x).toBeLessThanOrEqual(640 - 16);
      expect(y).toBeGreaterThanOrEqual(28);
      expect(y).toBeLessThanOrEqual(280);
    }
    // Higher values are drawn higher up.
    expect(polylines[1][0][1]).toBeLessThan(polylines[1][1][1]);
    expect(svg).toMatch(/<line class="marker"[^>]*><title>lr 0\.001 -&gt; 0\.002<\/title>/);
  });

  it('says "no data" instead of drawing empty axes', () => {
    const svg = svgLineChart({ id: 'e', title: 'empty', xLabel: 'step', series: [{ name: 'x', points: [[1, NaN]] }] });
    expect(svg).toContain('no data');
    expect(svg).not.toContain('<polyline');
  });
});
