import { ciContext } from "@hil/ci";
import { ConfigurationError } from "@hil/contracts";
import { requireFullSha } from "./names";
import type { BundleSource } from "./source";
import { GitHubSource } from "./sources/github";
import { GitLabSource } from "./sources/gitlab";
import { LocalSource } from "./sources/local";

/** The environment variables `sourceFromEnv` reads (besides the CI's own GITHUB_* / CI_*). */
export const BUNDLE_ENV = [
  "HIL_SHA",
  "HIL_BUNDLE",
  "HIL_BUNDLE_NAME",
  "HIL_BUNDLE_TARGET",
  "HIL_BUNDLE_RUN_ID",
  "HIL_BUNDLE_JOB",
  "HIL_BUNDLE_JOB_ID",
  "HIL_GITHUB_TOKEN",
  "HIL_GITLAB_TOKEN",
] as const;

export interface SourceFromEnvOptions {
  env?: NodeJS.ProcessEnv;
  /** Overrides HIL_BUNDLE: a local bundle directory or zip. */
  path?: string;
  /** Overrides the token variables. */
  token?: string;
  /** Overrides HIL_BUNDLE_TARGET. */
  target?: string;
}

/**
 * The job's commit and where its bundle is, from the CI environment: what the runner hook and
 * hil-flash call when nothing more specific is given.
 *
 * - `HIL_BUNDLE` (or `path`): a local bundle directory or zip;
 * - GitHub Actions: artifact `HIL_BUNDLE_NAME` (default `fw-<sha>[-HIL_BUNDLE_TARGET]`) in
 *   GITHUB_REPOSITORY, optionally only in run `HIL_BUNDLE_RUN_ID`; token `HIL_GITHUB_TOKEN`,
 *   else `GITHUB_TOKEN`;
 * - GitLab CI: the artifacts of job `HIL_BUNDLE_JOB_ID`, or of job `HIL_BUNDLE_JOB` (default
 *   `bundle`) on CI_COMMIT_REF_NAME; token `HIL_GITLAB_TOKEN`, else CI_JOB_TOKEN.
 *
 * The SHA is `HIL_SHA`, else GITHUB_SHA / CI_COMMIT_SHA.
 */
export function sourceFromEnv(opts: SourceFromEnvOptions = {}): {
  source: BundleSource;
  sha: string;
} {
  const env = opts.env ?? process.env;
  const ci = ciContext(env);
  const shaText = env.HIL_SHA ?? ci.buildSha;
  const sha = requireFullSha(
    shaText,
    "The job's commit SHA (HIL_SHA, GITHUB_SHA or CI_COMMIT_SHA)",
  );
  const path = opts.path ?? env.HIL_BUNDLE;
  if (path) return { source: new LocalSource(path), sha };
  const target = opts.target ?? env.HIL_BUNDLE_TARGET;
  if (ci.forge === "github") {
    const token = opts.token ?? ci.tokens.github ?? "";
    const runId = env.HIL_BUNDLE_RUN_ID ?? (env.HIL_SHA ? undefined : ci.buildRunId);
    const source = new GitHubSource({
      token,
      ...(ci.repo ? { repository: ci.repo } : {}),
      ...(ci.apiUrl ? { apiUrl: ci.apiUrl } : {}),
      ...(ci.serverUrl ? { serverUrl: ci.serverUrl } : {}),
      ...(runId ? { runId } : {}),
      ...(env.HIL_BUNDLE_NAME ? { name: env.HIL_BUNDLE_NAME } : {}),
      ...(target ? { target } : {}),
    });
    return { source, sha };
  }
  if (ci.forge === "gitlab") {
    const jobId = env.HIL_BUNDLE_JOB_ID ? Number(env.HIL_BUNDLE_JOB_ID) : undefined;
    if (jobId !== undefined && !Number.isInteger(jobId)) {
      throw new ConfigurationError(
        `HIL_BUNDLE_JOB_ID must be a job id, got ${JSON.stringify(env.HIL_BUNDLE_JOB_ID)}.`,
      );
    }
    const token = opts.token ?? env.HIL_GITLAB_TOKEN;
    const source = new GitLabSource({
      ...(ci.serverUrl ? { host: ci.serverUrl } : {}),
      ...(ci.gitlab.projectId ? { project: ci.gitlab.projectId } : {}),
      ...(ci.ref ? { ref: ci.ref } : {}),
      ...(jobId !== undefined ? { jobId } : { job: env.HIL_BUNDLE_JOB ?? "bundle" }),
      ...(token ? { token } : ci.gitlab.jobToken ? { jobToken: ci.gitlab.jobToken } : {}),
    });
    return { source, sha };
  }
  throw new ConfigurationError(
    "Where is the bundle? Not in GitHub Actions or GitLab CI, and HIL_BUNDLE is not set.",
    {
      hint: "Pass a bundle directory or zip (HIL_BUNDLE=path, or the command's bundle argument).",
    },
  );
}
