import { ciContext } from "@hil/ci";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { ConfigurationError, HilError, InfrastructureError } from "@hil/contracts";
import type { Host } from "@hil/host";
import {
  checkArtifactServer,
  DEFAULT_API_URL,
  loadArtifactClient,
} from "../internal/actions-artifact";
import { bundleArtifactName } from "../names";
import type { BundleSource, Download, HasSecrets } from "../source";

export interface GitHubSourceOptions {
  /** `owner/repo`. Default GITHUB_REPOSITORY. */
  repository?: string;
  /** A token with `actions:read` on the repository (GITHUB_TOKEN of the run, a PAT, an app token). */
  token: string;
  /** REST API root. Default GITHUB_API_URL, else https://api.github.com. */
  apiUrl?: string;
  /** Web root, for @actions/artifact's GHES check. Default GITHUB_SERVER_URL. */
  serverUrl?: string;
  /**
   * Look only in this workflow run (the build job's run: GITHUB_RUN_ID with `needs:`, or
   * `github.event.workflow_run.id`). Without it, the newest artifact of that name in the
   * repository is used.
   */
  runId?: number | string;
  /** Artifact name; default `fw-<sha>` or `fw-<sha>-<target>`. */
  name?: string;
  target?: string;
}

/** An artifact as the REST API lists it (the fields we use). */
interface RestArtifact {
  id: number;
  name: string;
  size_in_bytes: number;
  expired: boolean;
  created_at: string | null;
  expires_at: string | null;
  digest?: string | null;
  workflow_run?: { id?: number; head_sha?: string } | null;
}

function httpStatus(e: unknown): number | undefined {
  const s = (e as { status?: unknown }).status;
  return typeof s === "number" ? s : undefined;
}

/**
 * The bundle of a commit as a GitHub Actions artifact (`fw-<sha>`), found through the REST API
 * (by name in a run, or across the repository) and downloaded with @actions/artifact's
 * cross-run download (REST `/actions/artifacts/{id}/zip`, which redirects to blob storage).
 */
export class GitHubSource implements BundleSource, HasSecrets {
  readonly kind = "github";
  readonly owner: string;
  readonly repo: string;
  readonly apiUrl: string;
  private readonly opts: GitHubSourceOptions;

  constructor(opts: GitHubSourceOptions) {
    const repository = opts.repository ?? ciContext().repo ?? "";
    const m = /^([^/\s]+)\/([^/\s]+)$/.exec(repository);
    if (!m) {
      throw new ConfigurationError(
        `The GitHub repository must be owner/name, got ${JSON.stringify(repository)}.`,
        { hint: "Set GITHUB_REPOSITORY or pass the repository explicitly." },
      );
    }
    if (!opts.token) {
      throw new ConfigurationError("No GitHub token to fetch the bundle artifact with.", {
        hint: "Give the runner a token with actions:read on the repository (e.g. HIL_GITHUB_TOKEN), or pass github-token to the step.",
      });
    }
    this.owner = m[1]!;
    this.repo = m[2]!;
    this.apiUrl = (opts.apiUrl ?? ciContext().apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, "");
    this.opts = opts;
  }

  secrets(): string[] {
    return [this.opts.token];
  }

  artifactName(sha: string): string {
    return this.opts.name ?? bundleArtifactName(sha, this.opts.target);
  }

  private where(): string {
    return this.opts.runId !== undefined
      ? `workflow run ${this.opts.runId} of ${this.owner}/${this.repo}`
      : `${this.owner}/${this.repo}`;
  }

  describe(sha: string): string {
    return `GitHub artifact "${this.artifactName(sha)}" in ${this.where()}`;
  }

  async identity(sha: string): Promise<string> {
    const run = this.opts.runId !== undefined ? `run:${this.opts.runId}` : "repo";
    return `github|${this.apiUrl}|${this.owner}/${this.repo}|${run}|${this.artifactName(sha)}|${sha}`;
  }

  /** The artifact to download: by name, not expired, the build of `sha` preferred, newest first. */
  async find(sha: string): Promise<RestArtifact> {
    checkArtifactServer(this.opts.serverUrl ?? ciContext().serverUrl);
    const { github } = await loadArtifactClient(this.apiUrl);
    const octokit = github.getOctokit(this.opts.token, { baseUrl: this.apiUrl });
    const name = this.artifactName(sha);
    let artifacts: RestArtifact[];
    try {
      const res =
        this.opts.runId !== undefined
          ? await octokit.request("GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts", {
              owner: this.owner,
              repo: this.repo,
              run_id: Number(this.opts.runId),
              name,
              per_page: 100,
            })
          : await octokit.request("GET /repos/{owner}/{repo}/actions/artifacts", {
              owner: this.owner,
              repo: this.repo,
              name,
              per_page: 100,
            });
      artifacts = (res.data.artifacts as RestArtifact[]).filter((a) => a.name === name);
    } catch (e) {
      const status = httpStatus(e);
      if (status === 401 || status === 403) {
        throw new ConfigurationError(
          `GitHub refused to list the artifacts of ${this.where()} (HTTP ${status}): ${(e as Error).message}`,
          {
            hint: "The token needs actions:read on the repository; check that it is valid and not expired.",
          },
        );
      }
      if (status === 404) {
        throw new ConfigurationError(
          `GitHub has no ${this.where()} that this token can see (HTTP 404), so there is no bundle for ${sha}.`,
          {
            hint: "Check the repository name and run id, and that the token can read the repository.",
          },
        );
      }
      throw new InfrastructureError(
        `Listing the artifacts of ${this.where()} at ${this.apiUrl} failed: ${(e as Error).message}`,
        { hint: "GitHub's API may be unavailable; retry the job." },
      );
    }
    const live = artifacts.filter((a) => !a.expired);
    if (live.length === 0) {
      if (artifacts.length > 0) {
        const newest = artifacts.sort((a, b) => b.id - a.id)[0]!;
        throw new HilError(
          `The bundle for commit ${sha} has expired: ${this.describe(sha)} (id ${newest.id}) expired${newest.expires_at ? ` on ${newest.expires_at}` : ""}.`,
          {
            hint: "Re-run the build job of this commit to upload it again, or raise retention-days on actions/build.",
          },
        );
      }
      throw new HilError(
        `No bundle for commit ${sha}: looked for ${this.describe(sha)} and found none.`,
        {
          hint: "Check that this commit's build job ran actions/build and succeeded, that the hardware job runs after it (needs: build), and that both use the same artifact name and target.",
        },
      );
    }
    const ofSha = live.filter((a) => a.workflow_run?.head_sha === sha);
    return (ofSha.length ? ofSha : live).sort((a, b) => b.id - a.id)[0]!;
  }

  async download(sha: string, workDir: string, host: Host): Promise<Download> {
    const found = await this.find(sha);
    const runId = found.workflow_run?.id ?? Number(this.opts.runId ?? 0);
    host.info(
      `Downloading ${this.describe(sha)}: artifact ${found.id}, ${found.size_in_bytes} bytes${runId ? `, from run ${runId}` : ""}`,
    );
    const { artifact } = await loadArtifactClient(this.apiUrl);
    const client = new artifact.DefaultArtifactClient();
    let digestMismatch: boolean;
    try {
      const res = await client.downloadArtifact(found.id, {
        path: workDir,
        skipDecompress: true,
        ...(found.digest ? { expectedHash: found.digest } : {}),
        findBy: {
          token: this.opts.token,
          workflowRunId: runId,
          repositoryOwner: this.owner,
          repositoryName: this.repo,
        },
      });
      digestMismatch = res.digestMismatch === true;
    } catch (e) {
      const msg = (e as Error).message;
      if (/\b410\b|expired/i.test(msg)) {
        throw new HilError(`The bundle for commit ${sha} has expired: ${this.describe(sha)}.`, {
          hint: "Re-run the build job of this commit to upload it again.",
        });
      }
      throw new InfrastructureError(`Downloading ${this.describe(sha)} failed: ${msg}`, {
        hint: "The download from GitHub's blob storage did not complete; retry the job.",
      });
    }
    const files = (await readdir(workDir)).filter((f) => !f.startsWith("."));
    if (files.length !== 1) {
      throw new InfrastructureError(
        `Downloading ${this.describe(sha)} left ${files.length} files instead of one zip.`,
        { hint: "Retry the job." },
      );
    }
    if (digestMismatch) {
      throw new HilError(
        `The download of ${this.describe(sha)} is truncated or corrupted: its sha256 differs from the artifact's digest ${found.digest}.`,
        {
          hint: "Retry the job; if it keeps failing, re-run the build job to upload the bundle again.",
        },
      );
    }
    return { kind: "zip", path: join(workDir, files[0]!) };
  }
}
