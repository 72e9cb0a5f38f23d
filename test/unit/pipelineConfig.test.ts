import { planPipeline } from '../../activities/pipeline/planPipeline';
import { createTrainingContext } from '../../activities/training/trainingContext';
import { commitDataset } from '../../datasets/datasetManifest';
import { parseImport } from '../../datasets/import/importDataset';
import { parsePipelineConfig } from '../../training/pipelineConfig';
import { tempStore } from '../helpers/temporalTestKit';

const dataset = { builder: 'preference', trainRecords: 20, evalRecords: 10 };
const sft = { name: 'sft', kind: 'sft', policy: { size: 'tiny' }, steps: 2 };
const rm = { name: 'rm', kind: 'rewardModel', policy: { checkpoint: { stage: 'sft' } }, steps: 2 };
const ppoRun = (ppo?: Record<string, unknown>) => ({
  name: 'ppo',
  kind: 'rl',
  run: { policy: { checkpoint: { stage: 'sft' } }, reward: { terms: [{ reward: 'rewardModel' }], rewardModel: { checkpoint: { stage: 'rm' } } }, loss: 'ppo', steps: 2, ...(ppo ? { ppo } : {}) },
});

describe('a pipeline is checked whole before any stage starts', () => {
  it('accepts sft -> reward model -> PPO, with references resolved to earlier stages', () => {
    const pipeline = parsePipelineConfig({ dataset, stages: [sft, rm, ppoRun({ valueHead: 'zero' })] });
    expect(pipeline.stages.map((s) => s.kind)).toEqual(['sft', 'rewardModel', 'rl']);
  });

  it('refuses a reference to a stage that is not earlier, or that produces no checkpoint', () => {
    expect(() => parsePipelineConfig({ dataset, stages: [{ ...rm, policy: { checkpoint: { stage: 'sft' } } }, sft] })).toThrow(
      /stages\.0\.policy\.checkpoint: names stage sft, which no earlier stage is \(earlier: none\)/,
    );
    const evaluate = { name: 'look', kind: 'evaluate', policy: { stage: 'sft' } };
    expect(() => parsePipelineConfig({ dataset, stages: [sft, evaluate, { ...rm, policy: { checkpoint: { stage: 'look' } } }] })).toThrow(/names stage look, an evaluate stage, which produces no checkpoint/);
    expect(() => parsePipelineConfig({ dataset, stages: [sft, sft] })).toThrow(/stages\.1\.name: another stage is named sft already/);
  });

  it('refuses a ppo stage without a value head source, and a stage without a dataset', () => {
    expect(() => parsePipelineConfig({ dataset, stages: [sft, rm, ppoRun()] })).toThrow(/stages\.2\.run: .*ppo\.valueHead: loss ppo needs a value head source/);
    expect(() => parsePipelineConfig({ stages: [sft] })).toThrow(/stages\.0\.dataset: no dataset: give the stage one, or the pipeline a dataset/);
  });

  it('refuses pair stages on data without pairs, and a stored preference record without chosen, naming the record', async () => {
    const { store } = tempStore('pipeline-plan');
    const ctx = createTrainingContext(store);
    await expect(planPipeline(ctx, { dataset: { builder: 'math', languages: ['en'], problemsPerLanguage: 10, evalPerLanguage: 2, seed: 0 }, stages: [sft, rm] })).rejects.toThrow(
      /stages\.1 \(rm\): a rewardModel stage trains on preference datasets, and its dataset is math/,
    );
    // A line the importer refuses ...
    expect(() => parseImport({ file: 'pairs.jsonl', text: '{"prompt": "p", "chosen": "a"}\n', kind: 'preference' })).toThrow(/pairs\.jsonl.*rejected/s);
    // ... and a stored dataset that holds one anyway (written by another tool) fails the plan before any stage.
    const records = Buffer.from('{"id": "r1", "split": "train", "prompt": "Repeat: cat", "rejected": " dog"}\n');
    await commitDataset(store, { datasetId: 'f'.repeat(64), kind: 'preference', config: { source: 'import', kind: 'preference' }, records, card: {} });
    await expect(planPipeline(ctx, { dataset: { id: 'f'.repeat(64) }, stages: [sft, rm] })).rejects.toThrow(/record 1: field "chosen" must be a non-empty string/);
  });
});
