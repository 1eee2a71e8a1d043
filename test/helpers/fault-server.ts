import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  at: number;
}

export interface FaultServer {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A purpose-built misbehaving control plane on 127.0.0.1:0: `handle` decides, per request (n counts from
 * 1), what goes wrong. For the fault suite of issue 6: resets, stalls, slow bodies, bad JSON, HTML pages...
 */
export async function startFaultServer(handle: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<FaultServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? "?", path: req.url ?? "/", headers: req.headers, at: Date.now() });
    req.resume();
    req.on("end", () => handle(req, res, requests.length));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
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

export const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
};
