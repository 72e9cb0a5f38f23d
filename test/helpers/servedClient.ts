import OpenAI from 'openai';
import type { ServedModel } from '../../serve/generation';
import { RunningServer, startServer } from '../../serve/server';

/** A served model on a free local port, with the official openai client pointed at it. */
export async function serveWithClient(served: ServedModel): Promise<{ server: RunningServer; client: OpenAI }> {
  const server = await startServer(served, { host: '127.0.0.1', port: 0 });
  return { server, client: new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0 }) };
}
