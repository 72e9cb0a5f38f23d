import '../helpers/shareTypedArraysWithOrt';
import { GradcheckOptions, gradcheck } from '../../engine/autodiff';
import { Graph, Tensor, constant } from '../../engine/graph';
import { ModelConfig, initParameters, namedSizes, parameterCount, parameterSpecs, transformerLogits, validateModelConfig } from '../../engine/model';
import { sftLoss } from '../../engine/train/sftLoss';

/** Two sequences, the second right-padded, with a loss on the last tokens of each. */
const B = 2;
const T = 6;
const tokens = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 0, 0];
const targets = [1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 0, 0];
const targetMask = [0, 0, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0];
const realTokens = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0];

async function sftGradcheck(config: ModelConfig, options: GradcheckOptions) {
  // A larger init than training uses keeps gradients well above the finite-difference noise.
  const weights = initParameters(config, 7, 0.3);
  const specs = parameterSpecs(config);
  const inputs = specs.map((s) => ({ name: s.name, shape: s.shape, values: Array.from(weights.get(s.name) as Float64Array) }));
  return gradcheck((xs: Tensor[]) => {
    const g: Graph = xs[0].graph;
    const byName = Object.fromEntries(specs.map((s, i) => [s.name, xs[i]]));
    const logits = transformerLogits(config, byName, {
      tokens: constant(g, { dtype: 'int64', shape: [B, T], values: tokens.map((t) => t % config.vocabSize) }),
      attentionMask: constant(g, { dtype: 'bool', shape: [B, T], values: realTokens.map(Boolean) }),
    });
    const ids = constant(g, { dtype: 'int64', shape: [B, T], values: targets.map((t) => t % config.vocabSize) });
    return sftLoss(logits, ids, constant(g, { dtype: 'float64', shape: [B, T], values: targetMask }));
  }, inputs, options);
}

const miniature: ModelConfig = validateModelConfig({
  vocabSize: 11, dModel: 8, nLayers: 2, nHeads: 4, nKvHeads: 2, dFf: 12, maxSeqLen: 16, ropeTheta: 10000, rmsNormEps: 1e-5, qkvBias: true, tiedEmbeddings: false,
});

describe('whole-model gradients against float64 finite differences (SFT loss)', () => {
  test('a miniature Llama/Qwen2 model (GQA, qkv bias, untied), every parameter element', async () => {
    const result = await sftGradcheck(miniature, {});
    process.stdout.write(`miniature: ${parameterCount(miniature)} parameters, max rel error ${result.maxRelError.toExponential(2)}\n`);
    expect(result.maxRelError).toBeLessThan(1e-5);
  });

  test('the named tiny size (tied embeddings), 3 sampled elements per parameter tensor', async () => {
    const result = await sftGradcheck(namedSizes.tiny, { samplesPerInput: 3 });
    process.stdout.write(`tiny: ${parameterCount(namedSizes.tiny)} parameters, max rel error ${result.maxRelError.toExponential(2)}\n`);
    expect(result.maxRelError).toBeLessThan(1e-5);
  });
});
