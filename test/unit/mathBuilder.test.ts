/**
 * The math builder through the DatasetBuilder interface, as buildDataset runs it: stages, chunks and assembly give
 * the same bytes for the same config whatever the chunking, the splits never share a problem, and the card counts
 * what the records hold.
 */
import { InputError } from '../../core/errors';
import { resolveDatasetConfig } from '../../datasets/datasetBuilders';
import type { MathDatasetCard } from '../../datasets/math/mathCard';
import type { MathProblem } from '../../datasets/math';
import { buildInProcess } from '../helpers/buildInProcess';

const REQUEST = { builder: 'math', languages: ['en', 'de', 'bn', 'ja'], problemsPerLanguage: 30, maxSteps: 4, seed: 11, evalPerLanguage: 10, chunkSize: 16 };

function buildRequest(request: Record<string, unknown>) {
  const { builder, config, datasetId } = resolveDatasetConfig(request);
  const assembled = buildInProcess(builder, config);
  const built = { ...assembled, card: assembled.card as unknown as MathDatasetCard };
  const problems = Buffer.from(built.records)
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as MathProblem);
  return { datasetId, config, ...built, problems };
}

const base = buildRequest(REQUEST);

describe('math builder', () => {
  it('writes the same bytes for the same config, whatever the chunk size, and other bytes for another seed', () => {
    const again = buildRequest(REQUEST);
    expect(Buffer.from(again.records).equals(Buffer.from(base.records))).toBe(true);
    expect(again.datasetId).toBe(base.datasetId);
    const rechunked = buildRequest({ ...REQUEST, chunkSize: 7 });
    expect(Buffer.from(rechunked.records).equals(Buffer.from(base.records))).toBe(true);
    expect(rechunked.datasetId).not.toBe(base.datasetId);
    expect(Buffer.from(buildRequest({ ...REQUEST, seed: 12 }).records).equals(Buffer.from(base.records))).toBe(false);
  });

  it('reads milestone 1\'s names (recipe: lang, luar, exprl) as the math builder, with a warning: same config, same dataset', () => {
    const { builder: _builder, ...fields } = REQUEST;
    for (const recipe of ['lang', 'luar', 'exprl']) {
      const { config, datasetId, warnings } = resolveDatasetConfig({ recipe, ...fields });
      expect(config).toEqual(base.config);
      expect(datasetId).toBe(base.datasetId);
      expect(warnings).toEqual(['dataset.recipe is deprecated: write builder', `dataset.builder: "${recipe}" is deprecated: write "math"`]);
    }
    expect(base.card).toMatchObject({ builder: 'math', kind: 'math' });
  });

  it('keeps every eval problem out of train, in every language', () => {
    const key = (p: MathProblem) => `${p.template}:${JSON.stringify(p.ops)}`;
    const train = new Set(base.problems.filter((p) => p.split === 'train').map(key));
    const evalProblems = base.problems.filter((p) => p.split === 'eval');
    expect(evalProblems).toHaveLength(10 * 4);
    for (const p of evalProblems) expect(train.has(key(p))).toBe(false);
  });

  it('puts split, hints, rubric and the English version on every record', () => {
    expect(base.problems).toHaveLength(4 * 30);
    for (const p of base.problems) {
      expect(['train', 'eval']).toContain(p.split);
      expect(p.hints).toHaveLength(p.hops);
      expect(p.rubric[p.rubric.length - 1].value).toBe(p.answer);
      expect(p.english.steps).toHaveLength(p.hops);
    }
  });

  it('counts languages, splits, hops and templates on the card', () => {
    const { counts, records } = base.card;
    expect(records).toBe(base.problems.length);
    for (const language of REQUEST.languages) expect(counts.byLanguage[language]).toEqual({ train: 20, eval: 10 });
    expect(counts.bySplit).toEqual({ train: 80, eval: 40 });
    const hops = Object.entries(counts.byHops);
    expect(hops.reduce((n, [, c]) => n + c, 0)).toBe(records);
    for (const [h, c] of hops) expect(base.problems.filter((p) => String(p.hops) === h)).toHaveLength(c);
    expect(Object.values(counts.byTemplate).reduce((n, c) => n + c, 0)).toBe(records);
  });

  it('allows the 200 eval problems per language the issue asks for, and fills in defaults', () => {
    const { config } = resolveDatasetConfig({ builder: 'math', languages: ['sw', 'te'], problemsPerLanguage: 250, seed: 1 });
    expect(config).toEqual({ builder: 'math', languages: ['sw', 'te'], problemsPerLanguage: 250, maxSteps: 4, seed: 1, evalPerLanguage: 200, chunkSize: 100 });
    const built = buildRequest({ ...config, chunkSize: 125 });
    expect(built.card.counts.byLanguage).toEqual({ sw: { train: 50, eval: 200 }, te: { train: 50, eval: 200 } });
  });

  it.each([
    [{ ...REQUEST, builder: 'mathz' }, /config\.builder: expected one of math, kgQuestions, kgPairs, conlang, preference, got "mathz"/],
    [{ ...REQUEST, languages: ['en', 'xx'] }, /languages.*"xx"/],
    [{ ...REQUEST, maxSteps: 5 }, /maxSteps/],
    [{ ...REQUEST, chunkSize: 0 }, /chunkSize/],
    [{ ...REQUEST, evalPerLanguage: 31 }, /evalPerLanguage/],
    [{ ...REQUEST, questions: 5 }, /questions/],
    [{ ...REQUEST, seed: undefined }, /seed/],
  ])('rejects a bad config with an InputError naming the field: %#', (request, message) => {
    const run = () => resolveDatasetConfig(request);
    expect(run).toThrow(InputError);
    expect(run).toThrow(message);
  });
});
