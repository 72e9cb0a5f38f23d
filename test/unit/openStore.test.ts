import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../../core/errors';
import { openStore } from '../../store/openStore';
import { parseS3Url, s3ConfigFromEnv } from '../../store/s3Store';

describe('openStore', () => {
  const saved = process.env.DRL_STORE;
  afterEach(() => {
    if (saved === undefined) delete process.env.DRL_STORE;
    else process.env.DRL_STORE = saved;
  });

  it('defaults to .drl/store under the current directory', () => {
    delete process.env.DRL_STORE;
    expect(openStore().location).toBe(pathToFileURL(path.resolve('.drl/store')).href);
  });

  it('reads DRL_STORE: a file URL, a plain path or an S3 URL', () => {
    process.env.DRL_STORE = 'file:///tmp/drl-a';
    expect(openStore().location).toBe('file:///tmp/drl-a');
    process.env.DRL_STORE = 'rel/store';
    expect(openStore().location).toBe(pathToFileURL(path.resolve('rel/store')).href);
    process.env.DRL_STORE = 's3://my-bucket/runs/prod/';
    expect(openStore().location).toBe('s3://my-bucket/runs/prod');
  });

  it('prefers an explicit location over DRL_STORE', () => {
    process.env.DRL_STORE = 's3://ignored-bucket';
    expect(openStore('/tmp/drl-b').location).toBe('file:///tmp/drl-b');
  });

  it.each(['gs://bucket/x', 'http://host/x', 's3://', 's3://Bad_Bucket/x', 's3://bucket/a/../b', 'file://remote-host/x'])(
    'rejects %j with an InputError',
    (location) => {
      expect(() => openStore(location)).toThrow(InputError);
    },
  );

  it('splits an S3 URL into bucket and prefix', () => {
    expect(parseS3Url('s3://bucket')).toEqual({ bucket: 'bucket', prefix: '' });
    expect(parseS3Url('s3://bucket/a/b')).toEqual({ bucket: 'bucket', prefix: 'a/b' });
  });

  it('uses path-style addressing and a default region only for a custom endpoint', () => {
    expect(s3ConfigFromEnv({})).toEqual({});
    expect(s3ConfigFromEnv({ AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9000' })).toEqual({ forcePathStyle: true, region: 'us-east-1' });
    expect(s3ConfigFromEnv({ AWS_ENDPOINT_URL: 'http://minio:9000', AWS_REGION: 'eu-west-1' })).toEqual({ forcePathStyle: true });
  });
});
