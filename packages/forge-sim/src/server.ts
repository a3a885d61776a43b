import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as the fake forge saw it, for assertions. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

export interface RouteContext {
  req: SeenRequest;
  params: Record<string, string>;
  /** Base URL of this server, e.g. `http://127.0.0.1:41234`. */
  baseUrl: string;
}

export interface RouteResult {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type Handler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;

export interface Route {
  method: string;
  /** Express-style pattern: `/repos/:owner/:repo/statuses/:sha`; `*rest` matches the remainder. */
  pattern: string;
  handler: Handler;
}

function compile(pattern: string): RegExp {
  const re = pattern
    .split("/")
    .map((seg) => {
      if (seg.startsWith(":")) return `(?<${seg.slice(1)}>[^/]+)`;
      if (seg.startsWith("*")) return `(?<${seg.slice(1)}>.*)`;
      return seg.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return new RegExp(`^${re}$`);
}

/**
 * A small HTTP server on 127.0.0.1 (ephemeral port) that answers a set of routes and
 * records every request. The GitHub and GitLab fakes are route sets mounted on it.
 */
export class FakeServer {
  readonly requests: SeenRequest[] = [];
  private readonly routes: { method: string; re: RegExp; handler: Handler }[] = [];
  private server?: Server;
  baseUrl = "";

  route(...routes: Route[]): this {
    for (const r of routes)
      this.routes.push({
        method: r.method.toUpperCase(),
        re: compile(r.pattern),
        handler: r.handler,
      });
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? "/", this.baseUrl);
    const seen: SeenRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks),
    };
    this.requests.push(seen);
    const route = this.routes.find((r) => r.method === seen.method && r.re.test(seen.path));
    let result: RouteResult;
    try {
      result = route
        ? await route.handler({
            req: seen,
            params: { ...route.re.exec(seen.path)!.groups },
            baseUrl: this.baseUrl,
          })
        : { status: 404, body: { message: `Not Found: ${seen.method} ${seen.path}` } };
    } catch (e) {
      result = { status: 500, body: { message: (e as Error).message } };
    }
    const isBuffer = Buffer.isBuffer(result.body);
    const body =
      result.body === undefined
        ? ""
        : isBuffer
          ? (result.body as Buffer)
          : JSON.stringify(result.body);
    res.writeHead(result.status, {
      ...(isBuffer || result.body === undefined ? {} : { "content-type": "application/json" }),
      ...result.headers,
    });
    res.end(body);
  }
}

/** Parse a JSON request body (the fakes' handlers all take JSON). */
export function jsonBody<T = Record<string, unknown>>(req: SeenRequest): T {
  return (req.body.length ? JSON.parse(req.body.toString("utf8")) : {}) as T;
}
