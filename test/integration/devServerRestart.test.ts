import { join } from 'node:path';
import { startDevServer } from '../../workers/devServer';
import { freePort } from '../../workers/freePort';
import { buildDataset } from '../../workflows/buildDataset';
import { waitForHeartbeat } from '../helpers/heartbeats';
import { startTestWorker, tempDir, tempStore, testClient, uniqueQueue } from '../helpers/temporalTestKit';

const config = {
  builder: 'kgQuestions',
  kg: 'countries',
  questions: 16,
  languages: ['en', 'fr'],
  hops: { min: 2, max: 3 },
  contextChars: 1500,
  seed: 3,
  chunkSize: 2,
};

describe('a dataset build survives a restart of the dev server', () => {
  it('completes after the server is stopped mid-build and started again on the same SQLite file', async () => {
    const dbFile = join(tempDir('sqlite'), 'temporal.db');
    const port = await freePort();
    let server = await startDevServer({ dbFile, port, ui: false });
    const { store } = tempStore('restart');
    const taskQueue = uniqueQueue('restart');
    const worker = await startTestWorker(store, taskQueue, 'cpu', server.address);
    try {
      const { client, close } = await testClient(server.address);
      const handle = await client.workflow.start(buildDataset, { taskQueue, workflowId: uniqueQueue('restart'), args: [config] });
      await waitForHeartbeat(handle, ({ activity }) => activity === 'datasetStage');
      await close();
      await server.stop();

      server = await startDevServer({ dbFile, port, ui: false });
      const reconnected = await testClient(server.address);
      try {
        const result = await reconnected.client.workflow.getHandle(handle.workflowId).result();
        expect(result.datasetId).toMatch(/^[0-9a-f]{64}$/);
      } finally {
        await reconnected.close();
      }
    } finally {
      await worker.stop();
      await server.stop();
    }
  });
});
