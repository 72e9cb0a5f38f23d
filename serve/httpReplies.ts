import type { ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Streams chunks as server-sent events the way OpenAI does: `data: <json>` each, `data: [DONE]` last. The headers go
 * out with the first chunk, so an error found before any (a prompt too long for the context) still gets its HTTP
 * status; a later one can only be told in the stream. `opening` chunks precede the first produced one; `produce`
 * returns the chunks that close the stream. A client that went away is no longer written to, but its generation
 * still finishes, as a batch cannot drop a row.
 */
export async function streamChunks(res: ServerResponse, opening: unknown[], produce: (send: (chunk: unknown) => void) => Promise<unknown[]>): Promise<void> {
  let started = false;
  const write = (text: string) => {
    if (!res.destroyed) res.write(text);
  };
  const send = (chunk: unknown) => {
    if (!started) {
      started = true;
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
      for (const c of opening) write(`data: ${JSON.stringify(c)}\n\n`);
    }
    write(`data: ${JSON.stringify(chunk)}\n\n`);
  };
  try {
    const closing = await produce(send);
    closing.forEach(send);
  } catch (err) {
    if (!started) throw err;
    send({ error: { message: (err as Error).message, type: 'server_error', param: null, code: null } });
  }
  if (!res.destroyed) res.end('data: [DONE]\n\n');
}
