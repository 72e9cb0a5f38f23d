/**
 * A Qwen3-shaped model with Qwen3's real tokenizer learns a task through the real run: an SFT warm-up teaches it the
 * answer format and the template's end of turn (<|im_end|>), then GRPO raises its mean reward on digit parity, on the
 * real Temporal server with `drl worker` processes on CPU; `drl serve` of the result answers a chat request.
 * About three minutes, so it runs in `npm run test:long`, not `npm test`.
 */
import { closeActivityResources } from '../../activities';
import { readSamples } from '../../activities/chunkedWork';
import type { RolloutSample } from '../../activities/training/rolloutActivity';
import { stepTable } from '../../cli/report/stepRows';
import { readRunLedger } from '../../cli/runLedger';
import { importDataset } from '../../datasets/import/importDataset';
import { checkpointTokenizerOf } from '../../engine/io';
import { Engine } from '../../engine/runtime';
import { loadServedModel } from '../../serve/servedModel';
import { readCheckpointManifest } from '../../training/checkpointStore';
import { randomQwen3Checkpoint } from '../helpers/qwen3Vocabulary';
import { serveWithClient } from '../helpers/servedClient';
import { testClient } from '../helpers/temporalTestKit';
import { processWorkers, startRun } from '../helpers/trainingRunKit';

afterAll(() => closeActivityResources());

/** "d mod 2" for each digit d, in both splits: the task is closed, the eval split measures the same ten prompts greedily. */
const PARITY = ['train', 'eval']
  .flatMap((split) => Array.from({ length: 10 }, (_, d) => JSON.stringify({ id: `${split}-d${d}`, split, question: `${d} mod 2`, answer: String(d % 2), steps: [String(d % 2)] })))
  .join('\n');

const GRPO_STEPS = 16;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('learning with the real Qwen3 tokenizer', () => {
  it('an SFT warm-up teaches the format and <|im_end|>, then GRPO raises the mean reward on digit parity; drl serve answers through the template', async () => {
    const { client, close } = await testClient();
    const workers = processWorkers('qwen3-learning');
    try {
      const base = await randomQwen3Checkpoint(workers.store, { hiddenSize: 32, layers: 2, maxPositions: 64, seed: 1 });
      const dataset = await importDataset(workers.store, { file: 'parity.jsonl', text: PARITY, kind: 'math', language: 'en' });
      const config = {
        seed: 5,
        dataset: { id: dataset.datasetId },
        policy: { checkpoint: base },
        prompts: { templateVariables: { enable_thinking: false } },
        // The demonstrations are the true answers. This model learns parity abruptly, between 110 and 140 warm-up
        // steps; 125 leave it uncertain enough for GRPO's groups to differ. A warm-up on both answers of every
        // digit (format only) left GRPO at chance for 30 steps at widths 32 and 64 (README, "A run that learns").
        sft: { steps: 125, batch: 10, lr: 3e-2 },
        steps: GRPO_STEPS,
        promptsPerStep: 8,
        groupSize: 4,
        maxTokens: 3,
        maxPromptTokens: 28,
        hyperparameters: { lr: 3e-3, klBeta: 0 },
        evaluation: { every: GRPO_STEPS, problems: 10 },
      };
      const started = Date.now();
      const handle = await startRun(client, workers.queues, { config });
      const result = await handle.result();
      const ledger = await readRunLedger(client, handle.workflowId);
      const rewards = stepTable(ledger).rows.map((r) => r.meanReward as number);
      const [before, after] = result.evaluations.map((e) => e.byLanguage.en.accuracy);
      process.stdout.write(`Qwen3 vocabulary, parity: ${((Date.now() - started) / 1000).toFixed(0)} s; rewards ${rewards.map((r) => r.toFixed(2)).join(' ')}; eval accuracy ${before} -> ${after}\n`);
      expect(mean(rewards.slice(-4))).toBeGreaterThan(mean(rewards.slice(0, 4)) + 0.1);

      // Stored prompts are Qwen3's template around the task prompt; completions end on its end of turn.
      const manifest = await readCheckpointManifest(workers.store, result.checkpoint);
      const { tokenizer } = await checkpointTokenizerOf(workers.store, manifest);
      const rollout = ledger.activities.filter((a) => a.type === 'rollout').at(-1)!;
      const samples = await readSamples<RolloutSample>(workers.store, (rollout.result as { key: string }).key);
      for (const s of samples) expect(s.promptTokens).toEqual(tokenizer.encode(`<|im_start|>user\n${s.prompt}<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n`));
      expect(samples.filter((s) => s.tokens.at(-1) === tokenizer.eos).length).toBeGreaterThan(samples.length / 2);

      const engine = new Engine({ threads: 1 });
      const served = await loadServedModel(result.checkpoint, engine, workers.store);
      const { server, client: openai } = await serveWithClient(served);
      try {
        const request = { model: served.id, messages: [{ role: 'user' as const, content: samples[0].prompt }], max_tokens: 8, temperature: 0, chat_template_kwargs: { enable_thinking: false } };
        const res = await openai.chat.completions.create(request);
        expect(res.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: expect.stringMatching(/^\s*[01]$/) } });
        expect(res.usage?.prompt_tokens).toBe(samples[0].promptTokens!.length);
      } finally {
        await server.close();
        await engine.close();
      }
    } finally {
      await workers.stop();
      await close();
    }
  }, 600_000);
});
