import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { freePort } from '../../workers/freePort';
import { findOrBuildGoBinary, type GoBinary } from '../../workers/goBinary';

/** The version .ci/run builds; pinned so every machine tests against the same server. */
const minioServerBinary: GoBinary = {
  name: 'minio',
  envVar: 'MINIO_BIN',
  goPackage: 'github.com/minio/minio@v0.0.0-20260212201848-7aac2a2c5b7c',
};

/** A throwaway MinIO server on a loopback port with its own data folder; `stop()` removes both. */
export interface MinioServer {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  bucket: string;
  stop(): Promise<void>;
}

// Fixed test-only credentials: the server listens on loopback only and lives as long as the test run.
const ACCESS_KEY_ID = 'drl-test-access';
const SECRET_ACCESS_KEY = 'drl-test-secret-key';
const REGION = 'us-east-1';
const READY_TIMEOUT_MS = 60_000;

export async function startMinio(bucket = 'drl-test'): Promise<MinioServer> {
  const binary = findOrBuildGoBinary(minioServerBinary, (line) => process.stderr.write(`${line}\n`));
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'drl-minio-'));
  const [port, consolePort] = [await freePort(), await freePort()];
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(
    binary,
    ['server', dataDir, '--address', `127.0.0.1:${port}`, '--console-address', `127.0.0.1:${consolePort}`, '--quiet'],
    {
      env: { ...process.env, MINIO_ROOT_USER: ACCESS_KEY_ID, MINIO_ROOT_PASSWORD: SECRET_ACCESS_KEY, MINIO_BROWSER: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = async () => {
    await terminate(child);
    await fs.rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitReady(endpoint, child, () => output);
    const client = new S3Client({
      endpoint,
      region: REGION,
      forcePathStyle: true,
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
    });
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    client.destroy();
  } catch (err) {
    await stop();
    throw err;
  }
  return { endpoint, region: REGION, accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY, bucket, stop };
}


/** Asks the kernel for a free loopback port (a tiny race with other processes is acceptable in tests). */

async function waitReady(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`MinIO exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`);
    }
    if ((await healthStatus(`${endpoint}/minio/health/ready`)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`MinIO at ${endpoint} not ready after ${READY_TIMEOUT_MS / 1000} s:\n${output()}`);
}

function healthStatus(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(killer);
}
