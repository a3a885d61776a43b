import { readFileSync } from "node:fs";
import { ConfigurationError } from "@hil/contracts";
import { callerIdentity, currentUser, thisHost } from "@hil/lease";
import type { WorkflowStatus } from "@hil/report";

/** The GitHub webhook payload of the run (GITHUB_EVENT_PATH), as far as the hooks read it. */
export interface GitHubEvent {
  action?: string;
  pull_request?: PullRequest;
  workflow_run?: {
    id?: number;
    event?: string;
    head_sha?: string;
    head_branch?: string;
    head_repository?: Repo | null;
    repository?: Repo;
    pull_requests?: { number: number }[];
  };
  repository?: Repo;
}

export interface Repo {
  id?: number;
  full_name?: string;
}

export interface PullRequest {
  number?: number;
  html_url?: string;
  labels?: { name?: string }[];
  head?: { sha?: string; ref?: string; repo?: Repo | null };
  base?: { repo?: Repo };
  user?: { login?: string };
}

/** Events whose payload carries `pull_request`, and whose run may execute the PR's code. */
export const PULL_REQUEST_EVENTS = [
  "pull_request",
  "pull_request_target",
  "pull_request_review",
  "pull_request_review_comment",
];

/**
 * The event payload, or undefined outside GitHub Actions. A GitHub job whose payload cannot be
 * read is an error: the fork gate must not guess.
 */
export function readEvent(env: NodeJS.ProcessEnv): GitHubEvent | undefined {
  if (env.GITHUB_ACTIONS !== "true" && !env.GITHUB_EVENT_PATH) return undefined;
  const path = env.GITHUB_EVENT_PATH;
  if (!path) {
    throw new ConfigurationError(
      "GITHUB_EVENT_PATH is not set, so hil cannot tell whether this job runs a fork's pull request.",
      { hint: "The GitHub runner sets it for every job and hook; run this inside a GitHub job." },
    );
  }
  try {
    return JSON.parse(readFileSync(path, "utf8")) as GitHubEvent;
  } catch (e) {
    throw new ConfigurationError(
      `Cannot read the event payload ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}), so hil cannot tell whether this job runs a fork's pull request.`,
      { hint: "The GitHub runner writes it for every job; check the runner's temp dir and disk." },
    );
  }
}

export type CiKind = "github" | "gitlab" | "local";

/** What the hooks know about the job from its CI environment. */
export interface CiJob {
  kind: CiKind;
  /** `gh-<run id>-<attempt>-<job>`, `gl-<job id>`, `local-<host>-<pid>`. */
  jobId: string;
  /** RUNNER_NAME / CI_RUNNER_DESCRIPTION. */
  runner: string;
  /**
   * One runner process runs one job at a time: `gh:<RUNNER_NAME>` on GitHub, and on GitLab
   * `gl:<CI_RUNNER_ID>:<CI_CONCURRENT_ID>` (jobs of one runner that run at once differ in the
   * concurrent id). A lease held by the same key for another job is a finished job's.
   */
  runnerKey: string;
  host: string;
  /** The commit the job's results belong to: a PR's head, a workflow_run's head_sha, else the job's SHA. */
  commitSha?: string;
  /** The commit the job checks out and builds: GITHUB_SHA / CI_COMMIT_SHA (a PR's merge commit). */
  jobSha?: string;
  /** `owner/repo` or the GitLab project path. */
  repo?: string;
  requestedBy: string;
  /** What runs: `github-actions <workflow> <job>`, `gitlab-ci <project> <job>`. */
  command: string[];
  workdir?: string;
  /** Where the job runs, for the invocation's notes. */
  url?: string;
}

function event(env: NodeJS.ProcessEnv): GitHubEvent | undefined {
  try {
    return readEvent(env);
  } catch {
    return undefined;
  }
}

export function ciJob(env: NodeJS.ProcessEnv = process.env): CiJob {
  const who = callerIdentity(env);
  const host = thisHost();
  if (env.GITHUB_ACTIONS === "true" || (env.GITHUB_RUN_ID && env.GITHUB_JOB)) {
    const ev = event(env);
    const name = env.GITHUB_EVENT_NAME ?? "";
    const commit =
      (PULL_REQUEST_EVENTS.includes(name) ? ev?.pull_request?.head?.sha : undefined) ??
      (name === "workflow_run" ? ev?.workflow_run?.head_sha : undefined) ??
      env.GITHUB_SHA;
    const server = (env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/$/, "");
    return {
      kind: "github",
      jobId: who.jobId,
      runner: who.runner,
      runnerKey: `gh:${env.RUNNER_NAME ?? who.runner}`,
      host,
      ...(commit ? { commitSha: commit } : {}),
      ...(env.GITHUB_SHA ? { jobSha: env.GITHUB_SHA } : {}),
      ...(env.GITHUB_REPOSITORY ? { repo: env.GITHUB_REPOSITORY } : {}),
      requestedBy: env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR || currentUser(env),
      command: [
        "github-actions",
        env.GITHUB_WORKFLOW || env.GITHUB_WORKFLOW_REF || "workflow",
        env.GITHUB_JOB || "job",
      ],
      ...(env.GITHUB_WORKSPACE ? { workdir: env.GITHUB_WORKSPACE } : {}),
      ...(env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? { url: `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` }
        : {}),
    };
  }
  if (env.GITLAB_CI === "true" || env.CI_JOB_ID) {
    return {
      kind: "gitlab",
      jobId: who.jobId,
      runner: who.runner,
      runnerKey: `gl:${env.CI_RUNNER_ID ?? env.CI_RUNNER_DESCRIPTION ?? who.runner}:${env.CI_CONCURRENT_ID ?? "0"}`,
      host,
      ...(env.CI_COMMIT_SHA ? { commitSha: env.CI_COMMIT_SHA, jobSha: env.CI_COMMIT_SHA } : {}),
      ...(env.CI_PROJECT_PATH ? { repo: env.CI_PROJECT_PATH } : {}),
      requestedBy: env.GITLAB_USER_LOGIN || currentUser(env),
      command: ["gitlab-ci", env.CI_PROJECT_PATH || "project", env.CI_JOB_NAME || "job"],
      ...(env.CI_PROJECT_DIR ? { workdir: env.CI_PROJECT_DIR } : {}),
      ...(env.CI_JOB_URL ? { url: env.CI_JOB_URL } : {}),
    };
  }
  return {
    kind: "local",
    jobId: who.jobId,
    runner: who.runner,
    runnerKey: `local:${who.jobId}`,
    host,
    ...(who.commitSha ? { commitSha: who.commitSha, jobSha: who.commitSha } : {}),
    requestedBy: currentUser(env),
    command: ["hil", "hook"],
    workdir: process.cwd(),
  };
}

/**
 * The job's status as the CI says it, when it says it: GitLab's after_script sees
 * CI_JOB_STATUS (success, failed, canceled); GitHub's completed hook is told nothing.
 */
export function ciJobStatus(env: NodeJS.ProcessEnv = process.env): WorkflowStatus | undefined {
  switch (env.CI_JOB_STATUS) {
    case "success":
      return "success";
    case "failed":
      return "failure";
    case "canceled":
    case "canceling":
      return "cancelled";
    default:
      return undefined;
  }
}
