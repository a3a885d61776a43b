import { jsonBody, type Route, type RouteContext, type RouteResult } from "./server";

/** A commit status (a "generic commit status" job) as the fake GitLab stored it. */
export interface FakeGitLabStatus {
  id: number;
  project: string;
  sha: string;
  status: string;
  name: string;
  ref?: string;
  target_url?: string;
  description?: string;
  pipeline_id?: number;
  token: string;
}

export interface GitLabStatusFakeOptions {
  /** Tokens (PRIVATE-TOKEN) GitLab accepts and whether they may write statuses (Developer+, `api` scope). */
  tokens: Record<string, { write?: boolean }>;
  /** Projects that exist, by id or URL-encoded path (`42`, `acme%2Fthermostat-fw`); default: any. */
  projects?: string[];
  /** Commits the project has; default: any full SHA. */
  shas?: string[];
}

const STATES = ["pending", "running", "success", "failed", "canceled", "skipped"];
const EVENT: Record<string, string> = {
  pending: "enqueue",
  running: "run",
  success: "succeed",
  failed: "drop",
  canceled: "cancel",
  skipped: "skip",
};

const msg = (status: number, message: string): RouteResult => ({ status, body: { message } });

/**
 * GitLab's `POST /api/v4/projects/:id/statuses/:sha` as GitLab answers it: 401 without a
 * valid token, 403 for a token that may not write (a job token, a Reporter), 404 for an
 * unknown project or commit, 400 for a bad state or a transition GitLab refuses (posting
 * `pending` to a status that is already pending or running). A status still pending or
 * running is updated in place; a finished one is followed by a new one, as GitLab does.
 * Also `GET /api/v4/projects/:id/repository/commits/:sha/statuses`.
 */
export class GitLabStatusFake {
  readonly statuses: FakeGitLabStatus[] = [];
  /** Every state a status went through, in order: `name@sha: pending → success`. */
  readonly transitions: string[] = [];
  private nextId = 1;

  constructor(private readonly options: GitLabStatusFakeOptions) {}

  /** The latest status of `name` on `sha`. */
  latest(sha: string, name: string): FakeGitLabStatus | undefined {
    return this.statuses.filter((s) => s.sha === sha && s.name === name).at(-1);
  }

  private auth(ctx: RouteContext): { token: string; write: boolean } | RouteResult {
    const h = ctx.req.headers;
    if (h["job-token"]) return msg(403, "403 Forbidden");
    const bearer = /^bearer\s+(.+)$/i.exec(String(h.authorization ?? ""))?.[1];
    const token = String(h["private-token"] ?? bearer ?? "");
    const grant = token ? this.options.tokens[token] : undefined;
    if (!grant) return msg(401, "401 Unauthorized");
    return { token, write: grant.write !== false };
  }

  private project(ctx: RouteContext): string | undefined {
    const id = ctx.params.id!;
    const known = !this.options.projects || this.options.projects.includes(id);
    return known ? decodeURIComponent(id) : undefined;
  }

  routes(): Route[] {
    return [
      {
        method: "POST",
        pattern: "/api/v4/projects/:id/statuses/:sha",
        handler: (ctx) => {
          const a = this.auth(ctx);
          if ("status" in a) return a;
          const project = this.project(ctx);
          if (!project) return msg(404, "404 Project Not Found");
          if (!a.write) return msg(403, "403 Forbidden");
          const sha = ctx.params.sha!;
          if (
            !/^[0-9a-f]{40}$/.test(sha) ||
            (this.options.shas && !this.options.shas.includes(sha))
          ) {
            return msg(404, "404 Commit Not Found");
          }
          const b = jsonBody<Record<string, unknown>>(ctx.req);
          const state = String(b.state ?? "");
          if (!STATES.includes(state)) {
            return { status: 400, body: { error: "state does not have a valid value" } };
          }
          const name = String(b.name ?? b.context ?? "default");
          const open = this.statuses.find(
            (s) =>
              s.sha === sha &&
              s.name === name &&
              (s.status === "pending" || s.status === "running"),
          );
          if (open) {
            const refused =
              open.status === state || (state === "pending" && open.status === "running");
            if (refused) {
              return msg(
                400,
                `Cannot transition status via :${EVENT[state]} from :${open.status} (Reason(s): Status cannot transition via "${EVENT[state]}")`,
              );
            }
          }
          const s: FakeGitLabStatus = open ?? {
            id: this.nextId++,
            project,
            sha,
            name,
            status: state,
            token: a.token,
          };
          this.transitions.push(
            `${name}@${sha.slice(0, 8)}: ${open ? `${open.status} → ` : ""}${state}`,
          );
          s.status = state;
          s.token = a.token;
          if (typeof b.target_url === "string") s.target_url = b.target_url;
          if (typeof b.description === "string") s.description = b.description;
          if (typeof b.ref === "string") s.ref = b.ref;
          if (b.pipeline_id !== undefined) s.pipeline_id = Number(b.pipeline_id);
          if (!open) this.statuses.push(s);
          const { token: _t, project: _p, ...shown } = s;
          return {
            status: 201,
            body: { ...shown, allow_failure: false, author: { username: "hil-bot" } },
          };
        },
      },
      {
        method: "GET",
        pattern: "/api/v4/projects/:id/repository/commits/:sha/statuses",
        handler: (ctx) => {
          const a = this.auth(ctx);
          if ("status" in a) return a;
          if (!this.project(ctx)) return msg(404, "404 Project Not Found");
          const list = this.statuses
            .filter((s) => s.sha === ctx.params.sha)
            .map(({ token: _t, project: _p, ...shown }) => shown);
          return { status: 200, body: list };
        },
      },
    ];
  }
}
