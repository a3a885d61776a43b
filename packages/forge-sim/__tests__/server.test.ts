import { afterEach, describe, expect, it } from "vitest";
import { FakeServer, jsonBody } from "../src/index";

let server: FakeServer | undefined;
afterEach(async () => server?.stop());

describe("FakeServer", () => {
  it("answers routes with params on 127.0.0.1 only and records requests", async () => {
    server = await new FakeServer()
      .route({
        method: "POST",
        pattern: "/repos/:owner/:repo/statuses/:sha",
        handler: ({ params, req }) => ({
          status: 201,
          body: { ...params, state: jsonBody(req).state },
        }),
      })
      .start();
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.baseUrl}/repos/acme/fw/statuses/abc`, {
      method: "POST",
      body: '{"state":"success"}',
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ owner: "acme", repo: "fw", sha: "abc", state: "success" });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /repos/acme/fw/statuses/abc",
    ]);
  });

  it("answers 404 with the path for anything unknown", async () => {
    server = await new FakeServer().start();
    const res = await fetch(`${server.baseUrl}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: "Not Found: GET /nope" });
  });
});
