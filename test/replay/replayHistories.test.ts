import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every recorded history (committed, append-only: new files are added, old ones never rewritten) replays against
 * the current workflow code, so a change that would break a running workflow fails CI. Record a new one with
 * `node dist/test/replay/recordHistory.js NAME` after a change to the workflows.
 */
const folder = join(process.cwd(), 'test', 'fixtures', 'histories');

describe('recorded workflow histories replay against the current workflow code', () => {
  const files = readdirSync(folder).filter((f) => f.endsWith('.json')).sort();

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(join(folder, file), 'utf8')));
    // Files are named <workflow id>--<execution>.json: child workflow ids derive from the parent's id.
    const workflowId = file.slice(0, file.lastIndexOf('--'));
    await Worker.runReplayHistory({ workflowsPath: require.resolve('../../workflows'), replayName: file }, history, workflowId);
  });
});
