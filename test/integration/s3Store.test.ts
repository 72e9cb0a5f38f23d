import { PutObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createS3Store } from '../../store/s3Store';
import { artifactStoreContract } from '../helpers/artifactStoreContract';
import { testServers } from '../setup/testServers';

// The MinIO server that globalSetup started for the whole run.
const minio = testServers.get().s3;
let client: S3Client;
beforeAll(() => {
  client = new S3Client({
    endpoint: minio.endpoint,
    region: minio.region,
    forcePathStyle: true,
    credentials: { accessKeyId: minio.accessKeyId, secretAccessKey: minio.secretAccessKey },
  });
});
afterAll(() => client?.destroy());

// Each test gets its own prefix in the one bucket, so tests start empty without a server per test.
let storeCount = 0;
function freshS3Store(): { url: string; objectKey: (key: string) => string } {
  const prefix = `${process.pid}-${Date.now().toString(36)}-${++storeCount}/store`;
  return { url: `s3://${minio.bucket}/${prefix}`, objectKey: (key) => `${prefix}/${key}` };
}

artifactStoreContract('s3 (MinIO)', async () => {
  const { url, objectKey } = freshS3Store();
  return {
    store: createS3Store(url, client),
    readRaw: async (key) => {
      const out = await client.send(new GetObjectCommand({ Bucket: minio.bucket, Key: objectKey(key) }));
      return out.Body!.transformToByteArray();
    },
    // An unconditional PUT: the corruption a buggy tool or a bit flip would leave behind.
    writeRaw: async (key, data) => {
      await client.send(new PutObjectCommand({ Bucket: minio.bucket, Key: objectKey(key), Body: data }));
    },
  };
});

describe('s3 store', () => {
  it('lists past one page of results', async () => {
    const store = createS3Store(freshS3Store().url, client);
    const keys = Array.from({ length: 1005 }, (_, i) => `many/k${String(i).padStart(4, '0')}`);
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(keys.slice(i, i + 50).map((key) => store.putManifest(key, { key })));
    }
    expect(await store.list('many/')).toEqual(keys);
  });

  it('reads endpoint and credentials from the standard AWS environment', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_S3: minio.endpoint,
      AWS_ACCESS_KEY_ID: minio.accessKeyId,
      AWS_SECRET_ACCESS_KEY: minio.secretAccessKey,
    });
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    delete process.env.AWS_PROFILE;
    try {
      const store = createS3Store(freshS3Store().url);
      const ref = await store.putManifest('env/m', { fromEnv: true });
      expect(await store.getManifest('env/m')).toEqual({ fromEnv: true });
      expect(ref.uri).toMatch(/^s3:\/\/drl-test\/[\w-]+\/store\/env\/m$/);
    } finally {
      process.env = saved;
    }
  });
});
