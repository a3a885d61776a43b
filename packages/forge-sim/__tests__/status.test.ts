import { afterEach, describe, expect, it } from "vitest";
import { FakeServer, GitHubStatusFake, GitLabStatusFake } from "../src/index";

const SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";
let server: FakeServer | undefined;
afterEach(async () => server?.stop());

const post = (url: string, body: unknown, headers: Record<string, string>) =>
  fetch(url, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", ...headers },
  });

describe("GitHubStatusFake", () => {
  it("stores statuses, lists the newest first, and answers as GitHub does", async () => {
    const gh = new GitHubStatusFake({ tokens: { good: {}, ro: { statuses: false } }, shas: [SHA] });
    server = await new FakeServer().route(...gh.routes()).start();
    const url = `${server.baseUrl}/repos/acme/fw/statuses/${SHA}`;
    const auth = { authorization: "token good" };
    expect((await post(url, { state: "pending", context: "hil/hut-01" }, auth)).status).toBe(201);
    expect((await post(url, { state: "success", context: "hil/hut-01" }, auth)).status).toBe(201);
    const list = (await (
      await fetch(`${server.baseUrl}/repos/acme/fw/commits/${SHA}/statuses`, { headers: auth })
    ).json()) as { state: string }[];
    expect(list.map((s) => s.state)).toEqual(["success", "pending"]);
    expect(gh.latest(SHA).get("hil/hut-01")!.state).toBe("success");

    expect((await post(url, { state: "success" }, {})).status).toBe(401);
    expect((await post(url, { state: "success" }, { authorization: "token ro" })).status).toBe(403);
    expect((await post(url, { state: "done" }, auth)).status).toBe(422);
    expect((await post(url, { state: "success", description: "x".repeat(141) }, auth)).status).toBe(
      422,
    );
    expect(
      (
        await post(
          `${server.baseUrl}/repos/acme/fw/statuses/${"1".repeat(40)}`,
          { state: "success" },
          auth,
        )
      ).status,
    ).toBe(422);
  });
});

describe("GitLabStatusFake", () => {
  it("moves a status through GitLab's states and refuses what GitLab refuses", async () => {
    const gl = new GitLabStatusFake({
      tokens: { tok: {}, rep: { write: false } },
      projects: ["42"],
    });
    server = await new FakeServer().route(...gl.routes()).start();
    const url = `${server.baseUrl}/api/v4/projects/42/statuses/${SHA}`;
    const tok = { "private-token": "tok" };
    expect((await post(url, { state: "pending", name: "hil/hut-01" }, tok)).status).toBe(201);
    expect((await post(url, { state: "running", name: "hil/hut-01" }, tok)).status).toBe(201);
    const again = await post(url, { state: "running", name: "hil/hut-01" }, tok);
    expect(again.status).toBe(400);
    expect(((await again.json()) as { message: string }).message).toMatch(
      /^Cannot transition status via :run from :running/,
    );
    expect((await post(url, { state: "success", name: "hil/hut-01" }, tok)).status).toBe(201);
    // A finished status is followed by a new one.
    expect((await post(url, { state: "pending", name: "hil/hut-01" }, tok)).status).toBe(201);
    expect(gl.statuses.map((s) => s.status)).toEqual(["success", "pending"]);
    expect((await post(url, { state: "success" }, {})).status).toBe(401);
    expect((await post(url, { state: "success" }, { "job-token": "x" })).status).toBe(403);
    expect((await post(url, { state: "success" }, { "private-token": "rep" })).status).toBe(403);
    expect(
      (await post(`${server.baseUrl}/api/v4/projects/7/statuses/${SHA}`, { state: "success" }, tok))
        .status,
    ).toBe(404);
    expect((await post(url, { state: "done" }, tok)).status).toBe(400);
  });
});
