import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { InputError } from '../core/errors';
import type { ArtifactStore } from './artifactStore';
import { checkKey } from './keys';
import { VerifiedStore, type ObjectBackend } from './verifiedStore';

/**
 * An artifact store in an S3 bucket, `s3://bucket/prefix`. Without `client`, endpoint, region and credentials come
 * from the standard AWS environment and config files, as for any AWS SDK v3 client.
 */
export function createS3Store(url: string, client?: S3Client): ArtifactStore {
  const { bucket, prefix } = parseS3Url(url);
  return new VerifiedStore(new S3Backend(bucket, prefix, client ?? new S3Client(s3ConfigFromEnv())));
}

export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(url);
  if (!match) throw new InputError(`invalid S3 store URL ${JSON.stringify(url)}: expected s3://bucket/prefix`);
  const bucket = match[1];
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new InputError(`invalid S3 store URL ${JSON.stringify(url)}: ${JSON.stringify(bucket)} is not a bucket name`);
  }
  const prefix = (match[2] ?? '').replace(/\/$/, '');
  if (prefix !== '') checkKey(prefix, `prefix in S3 store URL ${JSON.stringify(url)}`);
  return { bucket, prefix };
}

/**
 * The SDK reads AWS_ENDPOINT_URL(_S3) itself; what it cannot guess is that a custom endpoint (MinIO, Ceph...)
 * usually wants path-style addressing and, having no AWS region, any region at all.
 */
export function s3ConfigFromEnv(env: NodeJS.ProcessEnv = process.env): S3ClientConfig {
  const customEndpoint = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS !== 'true' && Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL);
  if (!customEndpoint) return {};
  const regionSet = Boolean(env.AWS_REGION || env.AWS_DEFAULT_REGION);
  return { forcePathStyle: true, ...(regionSet ? {} : { region: 'us-east-1' }) };
}

/** AWS answers 409 while another conditional write to the same key is in flight; the retry then gets 412 or 200. */
const CONFLICT_RETRIES = 5;

export class S3Backend implements ObjectBackend {
  readonly location: string;

  constructor(
    private readonly bucket: string,
    private readonly prefix: string,
    private readonly client: S3Client,
  ) {
    this.location = `s3://${bucket}${prefix ? `/${prefix}` : ''}`;
  }

  async createOnly(key: string, data: Uint8Array): Promise<'created' | 'exists'> {
    for (let attempt = 0; ; attempt++) {
      try {
        // If-None-Match: '*' makes the PUT create-only on the server: of concurrent writers exactly one succeeds.
        await this.client.send(
          new PutObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), Body: data, IfNoneMatch: '*' }),
        );
        return 'created';
      } catch (err) {
        const status = httpStatus(err);
        if (status === 412) return 'exists';
        if (status === 409 && attempt < CONFLICT_RETRIES) {
          await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
          continue;
        }
        throw this.failure('conditional put', key, err);
      }
    }
  }

  async read(key: string): Promise<Uint8Array | undefined> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      if (!out.Body) throw new Error('response has no body');
      return await out.Body.transformToByteArray();
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw this.failure('get', key, err);
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw this.failure('head', key, err);
    }
  }

  async list(prefix: string): Promise<string[]> {
    const storePrefix = this.prefix ? `${this.prefix}/` : '';
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client
        .send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: storePrefix + prefix, ContinuationToken: token }))
        .catch((err: unknown) => {
          throw this.failure('list', prefix, err);
        });
      for (const object of page.Contents ?? []) {
        if (object.Key !== undefined) keys.push(object.Key.slice(storePrefix.length));
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
    } catch (err) {
      throw this.failure('delete', key, err);
    }
  }

  private objectKey(key: string): string {
    return this.prefix ? `${this.prefix}/${key}` : key;
  }

  private failure(operation: string, key: string, err: unknown): Error {
    const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return new Error(`S3 ${operation} ${this.location}/${key} failed: ${reason}`, { cause: err });
  }
}

function httpStatus(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

function isNotFound(err: unknown): boolean {
  const name = (err as { name?: string } | undefined)?.name;
  return httpStatus(err) === 404 || name === 'NoSuchKey' || name === 'NotFound';
}
