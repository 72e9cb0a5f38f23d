/**
 * The math recipes (lang, luar, exprl) through the DatasetRecipe interface, as buildDataset runs them: stages, chunks
 * and assembly give the same bytes for the same config whatever the chunking, the splits never share a problem,
 * and the card counts what the records hold.
 */
import { InputError } from '../../core/errors';
import type { DatasetRecipe } from '../../datasets/datasetRecipe';
import { resolveDatasetConfig, type RecipeConfig } from '../../datasets/datasetRecipes';
import type { MathDatasetCard } from '../../datasets/math/mathCard';
import type { MathProblem } from '../../datasets/math';

const REQUEST = { recipe: 'lang', languages: ['en', 'de', 'bn', 'ja'], problemsPerLanguage: 30, maxSteps: 4, seed: 11, evalPerLanguage: 10, chunkSize: 16 };

/** Every stage and chunk in order, then the assembly: what the workflow does, without Temporal. */
function build(recipe: DatasetRecipe, config: RecipeConfig) {
  const outputs = new Map<string, Uint8Array[]>();
  for (const stage of recipe.stages(config)) {
    const chunks = [];
    for (let index = 0; index < recipe.chunkCount(config, stage); index++) {
      chunks.push(recipe.computeChunk({ stage, config, index, inputs: recipe.upstream(stage).map((up) => outputs.get(up)![index]) }));
    }
    outputs.set(stage, chunks);
  }
  const assembled = recipe.assemble(config, recipe.recordStages(config).map((stage) => ({ stage, chunks: outputs.get(stage)! })));
  return { ...assembled, card: assembled.card as unknown as MathDatasetCard };
}

function buildRequest(request: Record<string, unknown>) {
  const { recipe, config, datasetId } = resolveDatasetConfig(request);
  const built = build(recipe, config);
  const problems = Buffer.from(built.records)
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as MathProblem);
  return { datasetId, config, ...built, problems };
}

const base = buildRequest(REQUEST);

describe('math recipes', () => {
  it('writes the same bytes for the same config, whatever the chunk size, and other bytes for another seed', () => {
    const again = buildRequest(REQUEST);
    expect(Buffer.from(again.records).equals(Buffer.from(base.records))).toBe(true);
    expect(again.datasetId).toBe(base.datasetId);
    const rechunked = buildRequest({ ...REQUEST, chunkSize: 7 });
    expect(Buffer.from(rechunked.records).equals(Buffer.from(base.records))).toBe(true);
    expect(rechunked.datasetId).not.toBe(base.datasetId);
    expect(Buffer.from(buildRequest({ ...REQUEST, seed: 12 }).records).equals(Buffer.from(base.records))).toBe(false);
  });

  it('gives lang, luar and exprl the same records under different dataset ids', () => {
    const ids = new Set([base.datasetId]);
    for (const recipe of ['luar', 'exprl']) {
      const other = buildRequest({ ...REQUEST, recipe });
      expect(Buffer.from(other.records).equals(Buffer.from(base.records))).toBe(true);
      expect(other.card.recipe).toBe(recipe);
      ids.add(other.datasetId);
    }
    expect(ids.size).toBe(3);
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
    const { config } = resolveDatasetConfig({ recipe: 'exprl', languages: ['sw', 'te'], problemsPerLanguage: 250, seed: 1 });
    expect(config).toEqual({ recipe: 'exprl', languages: ['sw', 'te'], problemsPerLanguage: 250, maxSteps: 4, seed: 1, evalPerLanguage: 200, chunkSize: 100 });
    const built = buildRequest({ ...config, chunkSize: 125 });
    expect(built.card.counts.byLanguage).toEqual({ sw: { train: 50, eval: 200 }, te: { train: 50, eval: 200 } });
  });

  it.each([
    [{ ...REQUEST, recipe: 'mathz' }, /config\.recipe.*lang, luar, exprl.*"mathz"/],
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
