import { ciContext } from "@hil/ci";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ConfigurationError, HilError, InfrastructureError } from "@hil/contracts";
import type { Host } from "@hil/host";
import type { BundleSource, Download, HasSecrets } from "../source";

export interface GitLabSourceOptions {
  /** GitLab root, e.g. `https://gitlab.example.com`. Default CI_SERVER_URL. */
  host?: string;
  /** Project id or path (`group/project`). Default CI_PROJECT_ID. */
  project?: string | number;
  /**
   * Branch or tag whose latest successful pipeline holds the bundle (GitLab's
   * `/jobs/artifacts/:ref/download?job=`). Default CI_COMMIT_REF_NAME. Ignored with `jobId`.
   */
  ref?: string;
  /** Name of the job that uploaded the bundle, e.g. `bundle`. */
  job?: string;
  /** Or the exact job id (`/jobs/:job_id/artifacts`), e.g. passed on through a dotenv report. */
  jobId?: number;
  /** A personal/project access token (PRIVATE-TOKEN)... */
  token?: string;
  /** ...or the running job's CI_JOB_TOKEN (JOB-TOKEN). */
  jobToken?: string;
}

function statusOf(e: unknown): number | undefined {
  const cause = (e as { cause?: { response?: { status?: number } } }).cause;
  return cause?.response?.status;
}

/**
 * The bundle of a commit as a GitLab job artifact, downloaded with @gitbeaker/rest: by ref and
 * job name (the latest successful pipeline of that ref), or by job id.
 */
export class GitLabSource implements BundleSource, HasSecrets {
  readonly kind = "gitlab";
  readonly host: string;
  readonly project: string | number;
  private readonly opts: GitLabSourceOptions;

  constructor(opts: GitLabSourceOptions) {
    this.host = (opts.host ?? ciContext().serverUrl ?? "").replace(/\/+$/, "");
    this.project = opts.project ?? ciContext().gitlab.projectId ?? "";
    if (!this.host) {
      throw new ConfigurationError("No GitLab URL to fetch the bundle from.", {
        hint: "Set CI_SERVER_URL (GitLab sets it in jobs) or pass the GitLab host.",
      });
    }
    if (this.project === "") {
      throw new ConfigurationError("No GitLab project to fetch the bundle from.", {
        hint: "Set CI_PROJECT_ID (GitLab sets it in jobs) or pass the project id or path.",
      });
    }
    if (opts.jobId === undefined && !opts.job) {
      throw new ConfigurationError("Which GitLab job uploaded the bundle? No job name or job id.", {
        hint: "Pass the name of the job that ran `hil bundle` (e.g. bundle), or its job id.",
      });
    }
    if (!opts.token && !opts.jobToken) {
      throw new ConfigurationError("No GitLab token to fetch the bundle with.", {
        hint: "Use the job's CI_JOB_TOKEN, or a project access token with read_api for the runner hook.",
      });
    }
    this.opts = opts;
  }

  secrets(): string[] {
    return [this.opts.token, this.opts.jobToken].filter((s): s is string => !!s);
  }

  private get ref(): string {
    return this.opts.ref ?? ciContext().ref ?? "";
  }

  describe(sha: string): string {
    const where = `project ${this.project} at ${this.host}`;
    if (this.opts.jobId !== undefined)
      return `GitLab artifacts of job ${this.opts.jobId} in ${where} (for ${sha})`;
    return `GitLab artifacts of job "${this.opts.job}" on ref "${this.ref}" in ${where} (for ${sha})`;
  }

  async identity(sha: string): Promise<string> {
    const which =
      this.opts.jobId !== undefined
        ? `id:${this.opts.jobId}`
        : `ref:${this.ref}|job:${this.opts.job}`;
    return `gitlab|${this.host}|${this.project}|${which}|${sha}`;
  }

  async download(sha: string, workDir: string, host: Host): Promise<Download> {
    if (this.opts.jobId === undefined && !this.ref) {
      throw new ConfigurationError("No ref to look up the bundle's pipeline on.", {
        hint: "Set CI_COMMIT_REF_NAME (GitLab sets it in jobs), pass the ref, or pass the job id.",
      });
    }
    // Loaded on use: most processes (actions, GitHub hooks) never talk to GitLab.
    const { JobArtifacts } = await import(/* webpackMode: "eager" */ "@gitbeaker/rest");
    const api = new JobArtifacts({
      host: this.host,
      ...(this.opts.token ? { token: this.opts.token } : { jobToken: this.opts.jobToken! }),
    });
    host.info(`Downloading ${this.describe(sha)}`);
    let blob: Blob;
    try {
      blob = (await (this.opts.jobId !== undefined
        ? api.downloadArchive(this.project, { jobId: this.opts.jobId })
        : api.downloadArchive(this.project, { ref: this.ref, job: this.opts.job! }))) as Blob;
    } catch (e) {
      const status = statusOf(e);
      if (status === 404) {
        throw new HilError(
          `No bundle for commit ${sha}: ${this.describe(sha)} not found (HTTP 404: the job did not run or fail-free, its artifacts expired, or the ref's latest successful pipeline has no such job).`,
          {
            hint: "Check that the bundle job ran for this commit and succeeded, and that its artifacts have not expired (artifacts: expire_in). In the same pipeline, prefer `needs: [bundle]` and a local bundle path.",
          },
        );
      }
      if (status === 401 || status === 403) {
        throw new ConfigurationError(
          `GitLab refused the token for ${this.describe(sha)} (HTTP ${status}).`,
          {
            hint: "The token needs read_api on the project (CI_JOB_TOKEN only where the project's job token allowlist permits it).",
          },
        );
      }
      throw new InfrastructureError(
        `Downloading ${this.describe(sha)} failed: ${(e as Error).message}`,
        { hint: "GitLab may be unavailable, or the download was cut; retry the job." },
      );
    }
    const path = join(workDir, "artifacts.zip");
    await writeFile(path, Buffer.from(await blob.arrayBuffer()));
    return { kind: "zip", path };
  }
}
