import { TestWorkflowEnvironment } from '@temporalio/testing';
import { provenance } from '../../training/provenance';
import { findOrBuildGoBinary, temporalCli } from '../../workers/goBinary';
import { waitForTemporal } from '../../workers/waitForTemporal';
import { drlSearchAttributes } from '../../workflows/searchAttributes';
import { startMinio, type MinioServer } from './minioServer';
import { testServers } from './testServers';

/**
 * One real Temporal dev server and one real MinIO server for the whole test run. Test files reach them through
 * the environment variables that `testServers` reads; both are stopped in globalTeardown.
 */
export default async function globalSetup(): Promise<void> {
  // Checkpoints record the commit and lockfile that produced them; pinning both for the whole test run keeps worker
  // processes started minutes apart (while the working tree moves on) writing identical checkpoints.
  const { commit, lockfileHash } = provenance(1);
  process.env.DRL_COMMIT = commit;
  process.env.DRL_LOCKFILE_HASH = lockfileHash;
  const temporalPath = findOrBuildGoBinary(temporalCli, (line) => process.stderr.write(`${line}\n`));
  const [temporal, minio] = await Promise.all([startTemporal(temporalPath), startMinio()]);
  const g = globalThis as { __drlTestServers?: { temporal: TestWorkflowEnvironment; minio: MinioServer } };
  g.__drlTestServers = { temporal, minio };
  testServers.publish({
    temporalAddress: temporal.address,
    temporalCli: temporalPath,
    s3: { endpoint: minio.endpoint, region: minio.region, accessKeyId: minio.accessKeyId, secretAccessKey: minio.secretAccessKey, bucket: minio.bucket },
  });
}

/** The SDK's own readiness probe gives up after a few seconds; a cold machine can need longer, so keep trying for 60 s. */
async function startTemporal(path: string): Promise<TestWorkflowEnvironment> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const env = await TestWorkflowEnvironment.createLocal({
        server: {
          executable: { type: 'existing-path', path },
          ip: '127.0.0.1',
          searchAttributes: drlSearchAttributes,
          log: { format: 'pretty', level: 'error' },
        },
      });
      await waitForTemporal(env.address, 'default', Math.max(deadline - Date.now(), 1_000));
      return env;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}
