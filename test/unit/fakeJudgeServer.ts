/**
 * A stand-in for a remote OpenAI-compatible endpoint, on 127.0.0.1: each request is answered by the test's handler
 * (canned completions, errors, delays), and every request is recorded with its arrival time.
 */
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  at: number;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  body: string | object;
  delayMs?: number;
}

export interface FakeJudgeServer {
  url: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

/** The body of a chat completion whose message is `content`. */
export function chatReply(content: string): object {
  return { id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] };
}

export async function startFakeJudgeServer(handler: (request: FakeRequest, index: number) => FakeReply): Promise<FakeJudgeServer> {
  const requests: FakeRequest[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const request = { path: req.url ?? '', headers: req.headers, body: raw ? JSON.parse(raw) : {}, at: Date.now() };
      requests.push(request);
      const reply = handler(request, requests.length - 1);
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
        res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
