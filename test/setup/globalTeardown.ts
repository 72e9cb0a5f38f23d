import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { MinioServer } from './minioServer';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as { __drlTestServers?: { temporal: TestWorkflowEnvironment; minio: MinioServer } };
  await g.__drlTestServers?.temporal.teardown();
  await g.__drlTestServers?.minio.stop();
}
