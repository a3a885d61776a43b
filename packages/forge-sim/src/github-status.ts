import { jsonBody, type Route, type RouteContext, type RouteResult } from "./server";

/** A commit status as the fake GitHub stored it. */
export interface FakeCommitStatus {
  id: number;
  owner: string;
  repo: string;
  sha: string;
  state: string;
  context: string;
  description?: string;
  target_url?: string;
  /** The token that posted it (tests check the right one was used). */
  token: string;
  created_at: string;
}

/** A check run as the fake GitHub stored it. */
export interface FakeCheckRun {
  id: number;
  owner: string;
  repo: string;
  head_sha: string;
  name: string;
  status: string;
  conclusion?: string;
  details_url?: string;
  output?: { title?: string; summary?: string; text?: string };
  token: string;
}

export interface GitHubTokenGrant {
  /** `statuses: write` (default true). */
  statuses?: boolean;
  /** `checks: write` (default false, as for a token without it). */
  checks?: boolean;
}

export interface GitHubStatusFakeOptions {
  /** Tokens GitHub accepts and what each may do; any other token gets 401 Bad credentials. */
  tokens: Record<string, GitHubTokenGrant>;
  /** Repositories that exist (`owner/repo`); default: any. Others answer 404. */
  repos?: string[];
  /** Commits the repository has; default: any full SHA. Others answer 422 No commit found. */
  shas?: string[];
}

const STATES = ["error", "failure", "pending", "success"];
const CONCLUSIONS = [
  "action_required",
  "cancelled",
  "failure",
  "neutral",
  "success",
  "skipped",
  "stale",
  "timed_out",
];
const DOCS = "https://docs.github.com/rest";

function err(status: number, message: string, extra: Record<string, unknown> = {}): RouteResult {
  return {
    status,
    body: { message, documentation_url: DOCS, status: String(status), ...extra },
  };
}

function validation(resource: string, field: string, message: string): RouteResult {
  return err(422, "Validation Failed", {
    errors: [{ resource, code: "custom", field, message }],
  });
}

/**
 * The part of the GitHub REST API that publishes results on a commit, as GitHub answers it:
 * `POST /repos/{owner}/{repo}/statuses/{sha}` (401 for a bad token, 403 for a token without
 * `statuses: write`, 404 for an unknown repository, 422 for an unknown commit or a bad
 * field), `GET /repos/{owner}/{repo}/commits/{ref}/statuses` and
 * `POST /repos/{owner}/{repo}/check-runs` (needs `checks: write`).
 */
export class GitHubStatusFake {
  readonly statuses: FakeCommitStatus[] = [];
  readonly checkRuns: FakeCheckRun[] = [];
  private nextId = 1;

  constructor(private readonly options: GitHubStatusFakeOptions) {}

  /** The latest status per context for a commit, as GitHub shows it on the commit. */
  latest(sha: string): Map<string, FakeCommitStatus> {
    const m = new Map<string, FakeCommitStatus>();
    for (const s of this.statuses) if (s.sha === sha) m.set(s.context, s);
    return m;
  }

  private auth(ctx: RouteContext): { token: string; grant: GitHubTokenGrant } | RouteResult {
    const h = ctx.req.headers.authorization ?? "";
    const token = /^(?:token|bearer)\s+(.+)$/i.exec(h)?.[1];
    const grant = token ? this.options.tokens[token] : undefined;
    if (!token || !grant) return err(401, "Bad credentials");
    return { token, grant };
  }

  private repoKnown(ctx: RouteContext): boolean {
    const { owner, repo } = ctx.params;
    return !this.options.repos || this.options.repos.includes(`${owner}/${repo}`);
  }

  private shaKnown(sha: string): boolean {
    if (!/^[0-9a-f]{40}$/.test(sha)) return false;
    return !this.options.shas || this.options.shas.includes(sha);
  }

  routes(): Route[] {
    return [
      {
        method: "POST",
        pattern: "/repos/:owner/:repo/statuses/:sha",
        handler: (ctx) => {
          const a = this.auth(ctx);
          if ("status" in a) return a;
          if (!this.repoKnown(ctx)) return err(404, "Not Found");
          if (a.grant.statuses === false) {
            return err(403, "Resource not accessible by integration");
          }
          const owner = ctx.params.owner!;
          const repo = ctx.params.repo!;
          const sha = ctx.params.sha!;
          if (!this.shaKnown(sha)) return err(422, `No commit found for SHA: ${sha}`);
          const b = jsonBody<{
            state?: string;
            context?: string;
            description?: string;
            target_url?: string;
          }>(ctx.req);
          if (!b.state || !STATES.includes(b.state)) {
            return validation("Status", "state", `state is not included in the list`);
          }
          if (b.description && b.description.length > 140) {
            return validation(
              "Status",
              "description",
              "description is too long (maximum is 140 characters)",
            );
          }
          if (b.target_url && !/^https?:\/\//.test(b.target_url)) {
            return validation("Status", "target_url", "target_url must use http(s) scheme");
          }
          const s: FakeCommitStatus = {
            id: this.nextId++,
            owner,
            repo,
            sha,
            state: b.state,
            context: b.context ?? "default",
            token: a.token,
            created_at: new Date().toISOString(),
            ...(b.description !== undefined ? { description: b.description } : {}),
            ...(b.target_url !== undefined ? { target_url: b.target_url } : {}),
          };
          this.statuses.push(s);
          const { token: _t, owner: _o, repo: _r, sha: _s, ...shown } = s;
          return {
            status: 201,
            body: {
              url: `${ctx.baseUrl}/repos/${owner}/${repo}/statuses/${sha}`,
              ...shown,
              updated_at: s.created_at,
              creator: { login: "github-actions[bot]" },
            },
          };
        },
      },
      {
        method: "GET",
        pattern: "/repos/:owner/:repo/commits/:ref/statuses",
        handler: (ctx) => {
          const a = this.auth(ctx);
          if ("status" in a) return a;
          if (!this.repoKnown(ctx)) return err(404, "Not Found");
          const list = this.statuses
            .filter((s) => s.sha === ctx.params.ref)
            .reverse()
            .map(({ token: _t, owner: _o, repo: _r, sha: _s, ...shown }) => shown);
          return { status: 200, body: list };
        },
      },
      {
        method: "POST",
        pattern: "/repos/:owner/:repo/check-runs",
        handler: (ctx) => {
          const a = this.auth(ctx);
          if ("status" in a) return a;
          if (!this.repoKnown(ctx)) return err(404, "Not Found");
          if (!a.grant.checks) return err(403, "Resource not accessible by integration");
          const b = jsonBody<Omit<FakeCheckRun, "id" | "owner" | "repo" | "token">>(ctx.req);
          if (!b.name) return validation("CheckRun", "name", "name can't be blank");
          if (!b.head_sha || !this.shaKnown(b.head_sha)) {
            return err(422, `No commit found for SHA: ${b.head_sha}`);
          }
          if (b.conclusion && !CONCLUSIONS.includes(b.conclusion)) {
            return validation("CheckRun", "conclusion", "conclusion is not included in the list");
          }
          if ((b.output?.summary?.length ?? 0) > 65535 || (b.output?.text?.length ?? 0) > 65535) {
            return validation(
              "CheckRun",
              "output",
              "output is too long (maximum is 65535 characters)",
            );
          }
          const run: FakeCheckRun = {
            id: this.nextId++,
            owner: ctx.params.owner!,
            repo: ctx.params.repo!,
            token: a.token,
            ...b,
            status: b.status ?? "queued",
          };
          this.checkRuns.push(run);
          return {
            status: 201,
            body: {
              id: run.id,
              head_sha: run.head_sha,
              name: run.name,
              status: run.status,
              conclusion: run.conclusion ?? null,
              html_url: `${ctx.baseUrl}/${run.owner}/${run.repo}/runs/${run.id}`,
            },
          };
        },
      },
    ];
  }
}
