import type { Route } from "@hil/forge-sim";

/**
 * GitHub webhook payloads as GITHUB_EVENT_PATH holds them (the fields the fork gate reads, in
 * GitHub's shapes), and the approvals endpoint of a run.
 */
const BASE = { id: 501, full_name: "acme/thermostat-fw" };
const FORK = { id: 777, full_name: "mallory/thermostat-fw" };
export const HEAD_SHA = "3c1d1b0e5f2a4c6e8a0b2d4f6a8c0e2a4b6d8f0a";

export function pullRequest(headRepo: { id: number; full_name: string } | null, labels: string[]) {
  return {
    number: 12,
    html_url: "https://github.com/acme/thermostat-fw/pull/12",
    user: { login: headRepo === BASE ? "ada" : "mallory" },
    labels: labels.map((name, i) => ({ id: i + 1, name })),
    head: { sha: HEAD_SHA, ref: "feature", repo: headRepo },
    base: { sha: "0".repeat(40), ref: "main", repo: BASE },
  };
}

export function forkPullRequest(labels: string[] = []) {
  return {
    action: labels.length ? "labeled" : "synchronize",
    number: 12,
    pull_request: pullRequest(FORK, labels),
    repository: BASE,
    sender: { login: "mallory" },
  } as { pull_request: { head: { repo: unknown } } } & Record<string, unknown>;
}

export function sameRepoPullRequest() {
  return {
    action: "opened",
    number: 12,
    pull_request: pullRequest(BASE, []),
    repository: BASE,
  };
}

export function workflowRunEvent(headRepo: string) {
  return {
    action: "completed",
    workflow_run: {
      id: 9100,
      event: "pull_request",
      head_sha: HEAD_SHA,
      head_branch: "feature",
      conclusion: "success",
      head_repository: { full_name: headRepo },
      repository: BASE,
      pull_requests: [],
    },
    repository: BASE,
  };
}

/** `GET /repos/:o/:r/actions/runs/:run/approvals` with a bearer token, answering `approvals`. */
export function approvalsRoute(token: string, approvals: unknown[]): Route {
  return {
    method: "GET",
    pattern: "/repos/:owner/:repo/actions/runs/:run/approvals",
    handler: (ctx) =>
      ctx.req.headers.authorization === `Bearer ${token}`
        ? { status: 200, body: approvals }
        : { status: 401, body: { message: "Bad credentials" } },
  };
}
