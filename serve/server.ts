import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InputError } from '../core/errors';
import { ApiError, modelNotFound } from './apiError';
import { chatCompletions } from './chatEndpoint';
import { completions } from './completionsEndpoint';
import type { ServedModel } from './generation';
import { GenerationQueue } from './generationQueue';
import { sendJson } from './httpReplies';
import type { Body } from './requestParams';

/** Larger bodies are refused before parsing (413). */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface ServeOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
}

export interface RunningServer {
  url: string;
  /** Stops accepting, lets every accepted request finish, then closes the connections; the caller closes the engine. */
  close(): Promise<void>;
}

type Endpoint = (served: ServedModel, queue: GenerationQueue, body: Body, res: ServerResponse) => Promise<void>;
const endpoints: Record<string, Endpoint> = { '/v1/completions': completions, '/v1/chat/completions': chatCompletions };

/** An OpenAI-compatible HTTP server for one model: GET /v1/models[/id], POST /v1/completions and /v1/chat/completions. */
export async function startServer(served: ServedModel, options: ServeOptions): Promise<RunningServer> {
  const queue = new GenerationQueue();
  let inFlight = 0;
  let closing = false;
  let idle: (() => void) | undefined;

  const server: Server = createServer((req, res) => {
    inFlight += 1;
    res.on('close', () => {
      inFlight -= 1;
      if (inFlight === 0) idle?.();
    });
    if (closing) res.setHeader('Connection', 'close');
    handle(req, res).catch((err: unknown) => reply(res, err));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = url.pathname.replace(/\/+$/, '');
    if (closing) throw new ApiError(503, 'the server is shutting down', 'server_error', null, 'shutting_down');
    if (req.method === 'GET' && route === '/v1/models') return sendJson(res, 200, { object: 'list', data: [modelCard(served)] });
    if (req.method === 'GET' && route.startsWith('/v1/models/')) {
      const id = route.slice('/v1/models/'.length);
      if (!served.aliases.has(id) && !served.aliases.has(safeDecode(id))) throw modelNotFound(id);
      return sendJson(res, 200, modelCard(served));
    }
    const endpoint = endpoints[route];
    if (!endpoint) throw new ApiError(404, `Unknown request URL: ${req.method} ${url.pathname}`, 'invalid_request_error', null, 'unknown_url');
    if (req.method !== 'POST') throw new ApiError(405, `${url.pathname} takes POST, not ${req.method}`, 'invalid_request_error', null, 'method_not_allowed');
    const body = await readJsonBody(req);
    if (typeof body.model === 'string' && !served.aliases.has(body.model)) throw modelNotFound(body.model);
    await endpoint(served, queue, body, res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${host}:${port}`,
    async close() {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) await new Promise<void>((resolve) => (idle = resolve));
      server.closeAllConnections();
      await stopped;
    },
  };
}

/** A model key may hold '/', which clients may send percent-encoded; a malformed escape is just an unknown name. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function modelCard(served: ServedModel) {
  return { id: served.id, object: 'model', created: served.created, owned_by: 'drl' };
}

async function readJsonBody(req: IncomingMessage): Promise<Body> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, `request body larger than ${MAX_BODY_BYTES} bytes`, 'invalid_request_error', null, 'request_too_large');
    parts.push(part);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(parts).toString('utf8'));
  } catch (err) {
    throw new ApiError(400, `the request body is not valid JSON (${(err as Error).message})`, 'invalid_request_error', null, 'invalid_json');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(400, 'the request body must be a JSON object', 'invalid_request_error', null, 'invalid_json');
  return body as Body;
}

/** Errors in OpenAI's shape: ours with their status, the engine's bad-input errors as 400, anything else as 500. */
function reply(res: ServerResponse, err: unknown): void {
  const error =
    err instanceof ApiError
      ? err
      : err instanceof InputError
        ? new ApiError(400, err.message, 'invalid_request_error', null, 'invalid_value')
        : new ApiError(500, `internal error: ${(err as Error)?.message ?? String(err)}`, 'server_error');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, error.status, error.body());
}
