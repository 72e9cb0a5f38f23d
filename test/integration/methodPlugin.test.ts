/**
 * The extension point, used as a plug-in would use it: a toy method with its own task (a dataset kind of its own)
 * and its own reward term, registered in this file only, trained through the real workflow on the real dev server.
 * The same file checks the errors a run gives before any work, and that the execution section is outside what
 * a run computes.
 */
import { WorkflowFailedError } from '@temporalio/client';
import { readdirSync } from 'node:fs';
import { closeActivityResources } from '../../activities';
import { planRun } from '../../activities/training/planRun';
import { registerRewardTerm } from '../../activities/training/rewardTerms';
import { readRunLedger } from '../../cli/runLedger';
import { hashOf } from '../../core/hash';
import { commitDataset } from '../../datasets/datasetManifest';
import { registerMethod } from '../../recipes/methods';
import type { ArtifactStore } from '../../store/artifactStore';
import { registerTask, type Episode, type Task } from '../../training/tasks';
import { runStatusQuery } from '../../workflows/runControl';
import { tempStore, testClient } from '../helpers/temporalTestKit';
import { startRun, startRunWorkers } from '../helpers/trainingRunKit';

interface EchoEpisode extends Episode {
  word: string;
}

/** Say a word back: the prompt names it, the answer is the word itself. */
const echoTask: Task<EchoEpisode> = {
  kind: 'wordEcho',
  grades: ['answer'],
  promptFields: ['word'],
  episode: (record) => ({ id: String(record.id), language: 'en', split: record.split === 'eval' ? 'eval' : 'train', grading: { answer: String(record.word) }, solution: [], word: String(record.word) }),
  prompt: (episode) => `Say ${episode.word}:`,
  demonstration: (episode) => ` ${episode.word}`,
  evaluate: (episode, completion) => ({ correct: completion.trim().startsWith(episode.word), consistency: null }),
};

registerTask(echoTask);
registerRewardTerm('echo', {
  needs: ['answer'],
  scorer: () => async (samples, episodes) =>
    samples.map((sample, i) => {
      const echoed = Number(sample.text.includes(episodes[i].grading.answer!));
      return { score: echoed, components: { echoed }, reason: echoed ? 'said the word' : 'did not say the word' };
    }),
});
registerMethod('echo', { summary: 'a toy method: plain prompts of the wordEcho task, rewarded for saying the word' });

const WORDS = ['cat', 'dog', 'sun', 'sea', 'map', 'pen', 'cup', 'box'];

async function echoDataset(store: ArtifactStore, kind = echoTask.kind): Promise<string> {
  const lines = WORDS.flatMap((word, i) => [{ id: `w${i}`, word }, { id: `e${i}`, word, split: 'eval' }]).map((r) => JSON.stringify(r));
  const records = Buffer.from(`${lines.join('\n')}\n`);
  const datasetId = hashOf({ kind, records: records.toString('utf8') });
  await commitDataset(store, { datasetId, kind, config: { source: 'import', kind }, records, card: { kind } });
  return datasetId;
}

const echoRun = (datasetId: string) => ({
  method: 'echo',
  seed: 5,
  dataset: { id: datasetId },
  policy: { size: 'tiny' },
  steps: 2,
  promptsPerStep: 4,
  groupSize: 4,
  maxTokens: 8,
  maxPromptTokens: 32,
  reward: { terms: [{ reward: 'echo' }] },
  evaluation: { every: 2, problems: 4 },
});

function filesIn(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
}

afterAll(() => closeActivityResources());

describe('a method registered from outside the product', () => {
  it('trains through the real workflow with its own task and reward, and a changed execution section reuses every output', async () => {
    const { dir, store } = tempStore('echo');
    const datasetId = await echoDataset(store);
    const workers = await startRunWorkers(store);
    const { client, close } = await testClient();
    try {
      const first = await startRun(client, workers, { config: echoRun(datasetId) });
      const result = await first.result();
      expect(result.steps).toBe(2);
      expect(result.datasetId).toBe(datasetId);
      expect(result.evaluations.map((e) => e.step)).toEqual([0, 2]);
      expect(result.evaluations[0].byLanguage.en.problems).toBe(4);
      const status = await first.query(runStatusQuery);
      expect(status).toMatchObject({ method: 'echo', promptCheck: { train: 8, trainSkipped: 0, heldOut: 8, heldOutSkipped: 0 } });
      const ledger = await readRunLedger(client, first.workflowId);
      const reward = ledger.steps[0].reward!.result as { summary: { components: Record<string, number> } };
      expect(Object.keys(reward.summary.components)).toEqual(expect.arrayContaining(['echo.echoed', 'echo.score']));

      // Same computation, other timeouts: the same config hash, and not one new object in the store.
      const stored = filesIn(dir);
      const execution = { heartbeatTimeout: '30 seconds', gpuActivityTimeout: '2 hours', cpuActivityTimeout: '2 hours', retryMaximumInterval: '5 seconds' };
      const again = await (await startRun(client, workers, { config: { ...echoRun(datasetId), execution } })).result();
      expect(again).toMatchObject({ checkpoint: result.checkpoint, configHash: result.configHash });
      expect(filesIn(dir)).toBe(stored);
    } finally {
      await close();
      await workers.stop();
    }
  });

  it('refuses, before any work, an unknown method, a term its task cannot grade and a dataset no task reads', async () => {
    const { store } = tempStore('echo-plan');
    const datasetId = await echoDataset(store);
    await expect(planRun(store, { ...echoRun(datasetId), method: 'echoo' })).rejects.toThrow(/method: unknown method "echoo" \(known: plain, lang, longtrace, contextrl, echo\)/);
    await expect(planRun(store, { ...echoRun(datasetId), reward: { terms: [{ reward: 'echo' }, { reward: 'judge' }], judge: { endpoint: 'http://127.0.0.1:1', model: 'j' } } })).rejects.toThrow(
      /config: reward.terms.1.reward: judge grades against the record's reference, which wordEcho records do not have \(they give: answer\)/,
    );
    await expect(planRun(store, { ...echoRun(datasetId), reward: { terms: [{ reward: 'echoes' }] } })).rejects.toThrow(/config: reward.terms.0.reward: unknown reward "echoes"/);
    const translations = await echoDataset(store, 'translation');
    await expect(planRun(store, echoRun(translations))).rejects.toThrow(/config: dataset: datasets of kind translation have no task to train on yet/);
    await expect(planRun(store, { ...echoRun(datasetId), lang: { h0: 0.5 } })).rejects.toThrow(/lang: only method lang reads this section \(method is echo\)/);
  });

  it('fails before the first rollout, naming a record and its field, when too many prompts are over maxPromptTokens', async () => {
    const { store } = tempStore('echo-long');
    const datasetId = await echoDataset(store);
    const workers = await startRunWorkers(store);
    const { client, close } = await testClient();
    try {
      // "Say cat:" is 9 tokens with bos: every prompt is over 8.
      const handle = await startRun(client, workers, { config: { ...echoRun(datasetId), maxPromptTokens: 8 } });
      const failure = await handle.result().catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      // The workflow failed because its checkPrompts activity did, with an InputError it did not retry.
      const cause = (failure as WorkflowFailedError).cause?.cause as Error & { type?: string };
      expect(cause.type).toBe('InputError');
      expect(cause.message).toMatch(new RegExp(`8 of 8 training records \\(100.0%, more than maxSkippedShare 0.1\\) have a prompt over maxPromptTokens; the first: dataset ${datasetId}, record w0: field word makes a prompt of 9 tokens, over maxPromptTokens 8`));
      const ledger = await readRunLedger(client, handle.workflowId);
      expect(ledger.activities.map((a) => a.type)).not.toContain('rollout');
      expect(ledger.activities.filter((a) => a.type === 'checkPrompts').map((a) => a.attempt)).toEqual([1]);
    } finally {
      await close();
      await workers.stop();
    }
  });
});
