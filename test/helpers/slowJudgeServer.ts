import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';

/**
 * A stand-in for a remote judge model behind an OpenAI-compatible endpoint, for tests only: it answers each chat
 * completion after `delayMs` with a verdict derived from the request's content, so grading is deterministic and
 * takes as long as a real judge's network round trip would.
 */
export async function startSlowJudgeServer(delayMs: number): Promise<{ endpoint: string; requests(): number; close(): Promise<void> }> {
  let requests = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      requests += 1;
      const verdict = (createHash('sha256').update(body).digest()[0] % 5) + 1;
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'judge', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: `Feedback: graded. [RESULT] ${verdict}` }, finish_reason: 'stop' }] }));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
