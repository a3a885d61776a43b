import type { Route, RouteContext, RouteResult } from "./server";

/**
 * GitLab job artifacts, the subset @gitbeaker/rest's `JobArtifacts.downloadArchive` calls:
 *
 * - `GET /api/v4/projects/:id/jobs/artifacts/:ref_name/download?job=<name>`: the artifacts of
 *   the named job in the latest successful pipeline of the ref;
 * - `GET /api/v4/projects/:id/jobs/:job_id/artifacts`: the artifacts of one job.
 *
 * Authenticated by `PRIVATE-TOKEN`, `JOB-TOKEN` or `?job_token=`. Expired artifacts are gone
 * (404), as on GitLab.
 */
export interface FakeJob {
  id: number;
  /** Numeric project id. */
  projectId: number;
  /** Project path, e.g. `acme/thermostat-fw`. */
  project: string;
  ref: string;
  name: string;
  sha: string;
  zip: Buffer;
  expired: boolean;
}

export class GitLabArtifactsFake {
  readonly jobs: FakeJob[] = [];
  /** Archive downloads served, by job id. */
  readonly downloads = new Map<number, number>();
  /** Tokens accepted: a project access token (PRIVATE-TOKEN) and a job token (JOB-TOKEN). */
  token = "glpat-fakeProjectToken01";
  jobToken = "glcbt-fakeJobToken0123";
  /** Rewrite the bytes an archive download serves (e.g. truncate them). */
  serveArchive?: (job: FakeJob, zip: Buffer) => Buffer;

  private nextId = 700_001;

  /** A finished job with artifacts, as if its pipeline had succeeded. */
  addJob(opts: {
    project?: string;
    projectId?: number;
    ref: string;
    name: string;
    sha: string;
    zip: Buffer;
    expired?: boolean;
  }): FakeJob {
    const job: FakeJob = {
      id: this.nextId++,
      projectId: opts.projectId ?? 42,
      project: opts.project ?? "acme/thermostat-fw",
      ref: opts.ref,
      name: opts.name,
      sha: opts.sha,
      zip: opts.zip,
      expired: opts.expired ?? false,
    };
    this.jobs.push(job);
    return job;
  }

  downloadCount(): number {
    return [...this.downloads.values()].reduce((a, b) => a + b, 0);
  }

  private denied(ctx: RouteContext): RouteResult | undefined {
    const h = ctx.req.headers;
    const ok =
      h["private-token"] === this.token ||
      h["job-token"] === this.jobToken ||
      ctx.req.query.get("job_token") === this.jobToken ||
      (h.authorization ?? "") === `Bearer ${this.token}`;
    return ok ? undefined : { status: 401, body: { message: "401 Unauthorized" } };
  }

  private ofProject(idParam: string): (j: FakeJob) => boolean {
    const id = decodeURIComponent(idParam);
    return (j) => String(j.projectId) === id || j.project === id;
  }

  private serve(job: FakeJob | undefined): RouteResult {
    if (!job || job.expired) return { status: 404, body: { message: "404 Not found" } };
    this.downloads.set(job.id, (this.downloads.get(job.id) ?? 0) + 1);
    return {
      status: 200,
      headers: {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="artifacts.zip"; filename*=UTF-8''artifacts.zip`,
      },
      body: this.serveArchive ? this.serveArchive(job, job.zip) : job.zip,
    };
  }

  routes(): Route[] {
    return [
      {
        method: "GET",
        pattern: "/api/v4/projects/:id/jobs/artifacts/:ref/download",
        handler: (ctx) => {
          const denied = this.denied(ctx);
          if (denied) return denied;
          const name = ctx.req.query.get("job");
          if (!name) return { status: 400, body: { error: "job is missing" } };
          const ref = decodeURIComponent(ctx.params.ref!);
          const inProject = this.ofProject(ctx.params.id!);
          // The latest successful pipeline of the ref decides, expired or not.
          const latest = this.jobs
            .filter((j) => inProject(j) && j.ref === ref && j.name === name)
            .sort((a, b) => b.id - a.id)[0];
          return this.serve(latest);
        },
      },
      {
        method: "GET",
        pattern: "/api/v4/projects/:id/jobs/:job_id/artifacts",
        handler: (ctx) => {
          const denied = this.denied(ctx);
          if (denied) return denied;
          const inProject = this.ofProject(ctx.params.id!);
          return this.serve(
            this.jobs.find((j) => inProject(j) && String(j.id) === ctx.params.job_id),
          );
        },
      },
    ];
  }
}
