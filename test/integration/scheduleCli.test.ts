/** `drl schedule` against the real dev server: create, list, trigger (a trainingRun starts), pause, unpause, delete. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { testServers } from '../setup/testServers';
import { drlBin, tempDir, testClient, uniqueQueue } from '../helpers/temporalTestKit';
import { fastRunConfig } from '../helpers/trainingRunKit';

const dir = tempDir('schedule-cli');
const configFile = join(dir, 'nightly.yaml');
writeFileSync(configFile, stringify(fastRunConfig));

function drl(...args: string[]) {
  const run = spawnSync(process.execPath, [drlBin, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, TEMPORAL_ADDRESS: testServers.get().temporalAddress } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, json: () => JSON.parse(run.stdout) as Record<string, unknown> };
}

describe('drl schedule', () => {
  it('creates a schedule of training runs, lists it, triggers a run, pauses, unpauses and deletes it', async () => {
    const id = uniqueQueue('schedule');
    // No worker polls this queue: the test only needs to see the schedule start the workflow.
    const taskQueue = uniqueQueue('schedule-queue');
    const created = drl('schedule', 'create', '--cron', '0 3 * * *', configFile, '--id', id, '--overlap', 'buffer-one', '--task-queue', taskQueue, '--json');
    expect(created.code).toBe(0);
    expect(created.json()).toMatchObject({ scheduleId: id, cron: '0 3 * * *', paused: false, overlap: 'buffer-one', config: configFile });
    expect((created.json().nextRuns as string[])[0]).toMatch(/T03:00:00/);
    expect(drl('schedule', 'create', '--cron', '0 3 * * *', configFile, '--id', id).stderr).toMatch(/already exists/);

    const listed = drl('schedule', 'list', '--json');
    expect(listed.code).toBe(0);
    expect(listed.json().schedules).toContainEqual(expect.objectContaining({ scheduleId: id, cron: '0 3 * * *', paused: false }));

    const triggered = drl('schedule', 'trigger', id, '--json');
    expect(triggered.code).toBe(0);
    const { workflowId } = triggered.json() as { workflowId: string };
    expect(workflowId).toMatch(new RegExp(`^${id}-run-`));
    const { client, close } = await testClient();
    try {
      const run = client.workflow.getHandle(workflowId);
      const description = await run.describe();
      expect(description).toMatchObject({ type: 'trainingRun', taskQueue, status: { name: 'RUNNING' } });
      const started = await run.fetchHistory();
      const input = started.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0];
      const args = JSON.parse(Buffer.from(input.data!).toString('utf8')) as { config: Record<string, unknown> };
      // The config went in resolved, defaults and the preset's hyperparameters filled in, as validated at create time.
      expect(args.config).toMatchObject({ ...fastRunConfig, method: 'plain', loss: 'grpo', hyperparameters: { lr: 0.001, klBeta: 0.04 } });
      await run.terminate('schedule test done');
    } finally {
      await close();
    }

    expect(drl('schedule', 'pause', id, '--note', 'dataset rebuild', '--json').json()).toEqual({ scheduleId: id, paused: true, note: 'dataset rebuild' });
    expect(drl('schedule', 'list').stdout).toMatch(new RegExp(`^${id}  "0 3 \\* \\* \\*"  paused`, 'm'));
    expect(drl('schedule', 'unpause', id, '--json').json()).toMatchObject({ paused: false });
    expect(drl('schedule', 'delete', id, '--json').json()).toEqual({ scheduleId: id, deleted: true });
    const gone = drl('schedule', 'trigger', id);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(new RegExp(`no schedule ${id}`));
  });

  it('explains every verb with an example', () => {
    for (const verb of ['create', 'list', 'pause', 'unpause', 'trigger', 'delete']) {
      const help = drl('schedule', verb, '--help');
      expect([verb, help.code]).toEqual([verb, 0]);
      expect(help.stdout).toMatch(/Example:\n {2}drl schedule /);
    }
  });

  it.each([
    [['schedule', 'create', '--cron', '0 3 * * *', 'missing.yaml'], /missing\.yaml: cannot read/],
    [['schedule', 'create', '--cron', '0 3 * * *', 'bad.yaml'], /bad\.yaml: groupSize/],
    [['schedule', 'create', '--cron', '0 3 * * *', 'nightly.yaml', '--overlap', 'sometimes'], /--overlap must be one of skip, buffer-one/],
    [['schedule', 'create', '--cron', 'every full moon', 'nightly.yaml', '--id', uniqueQueue('bad-cron')], /--cron "every full moon": .*fields/],
    [['schedule', 'create', '--cron', '99 3 * * *', 'nightly.yaml', '--id', uniqueQueue('bad-minute')], /--cron "99 3 \* \* \*"/],
  ])('exits 2 naming the bad input: %j', (args, message) => {
    writeFileSync(join(dir, 'bad.yaml'), stringify({ ...fastRunConfig, groupSize: 1 }));
    const { code, stderr } = drl(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
