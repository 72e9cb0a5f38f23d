import { closeActivityResources } from '../../activities';
import { readRunLedger } from '../../cli/runLedger';
import { advanceClocks, hintFractions, initLangState, isProbeStep, observeAccuracy, resolveLangConfig, type LangState } from '../../recipes/lang';
import { runStatusQuery } from '../../workflows/runControl';
import { tempStore, testClient } from '../helpers/temporalTestKit';
import { fastRunConfig, startRun, startRunWorkers } from '../helpers/trainingRunKit';

afterAll(() => closeActivityResources());

describe('a LANG run', () => {
  it('hints each language on its schedule, probes accuracy, and records every fraction and switch', async () => {
    const { store } = tempStore('lang-run');
    const workers = await startRunWorkers(store);
    const { client, close } = await testClient();
    const lang = { h0: 1, decay: 'linear', baseHorizon: 2, kappa: 1, probeEvery: 2, tauOff: 0.9 };
    const config = {
      ...fastRunConfig,
      method: 'lang',
      lang,
      dataset: { ...fastRunConfig.dataset, languages: ['en', 'de'], maxSteps: 2 },
      // Some German 2-step problems with every hint step shown are over 192 tokens: skipped, counted, and allowed.
      maxSkippedShare: 0.2,
      steps: 6,
      continueAsNewEvery: 4,
      evaluation: { every: 0, problems: 4 },
      reward: { terms: [{ reward: 'correct' }, { reward: 'language', weight: 0.2 }] },
    };
    try {
      const handle = await startRun(client, workers, { config });
      const result = await handle.result();
      expect(result.steps).toBe(6);
      const ledger = await readRunLedger(client, handle.workflowId);
      const status = await handle.query(runStatusQuery);
      const recorded = status.schedule!.lang as LangState;
      expect(status.promptCheck).toMatchObject({ train: 64, trainSkipped: 8 });

      // Replaying the pure schedule on the run's own probes gives exactly the fractions its rollouts used.
      const probes = new Map(ledger.evaluations.map((e) => [e.result.checkpoint, e.result.byLanguage]));
      const at = (step: number) => {
        const checkpoint = step === 0 ? ledger.initialCheckpoint! : ledger.steps[step - 1].checkpointOut!;
        return Object.fromEntries(Object.entries(probes.get(checkpoint)!).map(([l, e]) => [l, e.accuracy]));
      };
      let expected = initLangState(resolveLangConfig(lang as never, 6), ['de', 'en'], at(0));
      for (const step of ledger.steps) {
        expect(step.hintFractions).toEqual(hintFractions(expected));
        expected = advanceClocks(expected, step.step + 1);
        if (isProbeStep(expected, step.step + 1)) expected = observeAccuracy(expected, step.step + 1, at(step.step + 1));
      }
      expect(recorded).toEqual(expected);
      // A linear decay over a horizon of at most 4 steps ends within the run, and each end is a recorded switch.
      expect(recorded.events.filter((e) => e.to === 'off').map((e) => e.language).sort()).toEqual(['de', 'en']);
      expect(ledger.steps[0].hintFractions.de).toBe(1);
      expect(ledger.executions.length).toBeGreaterThanOrEqual(2);
    } finally {
      await close();
      await workers.stop();
    }
  });
});
