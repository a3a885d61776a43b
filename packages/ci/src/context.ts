import { readFileSync } from "node:fs";
import { hostname, userInfo } from "node:os";
import { ConfigurationError } from "@hil/contracts";
import { type GitHubEvent, PULL_REQUEST_EVENTS } from "./event";

export type Forge = "github" | "gitlab" | "local";

/** A pull or merge request as the job's CI describes it. */
export interface ChangeRequest {
  /** PR number / MR iid. */
  number?: number;
  /** The commit under review (a PR's head SHA). GitLab: CI_COMMIT_SHA. */
  headSha?: string;
  /** The repository or project the change comes from, `alice/fw`. */
  source?: string;
  /** The repository or project it targets. */
  target?: string;
  /** The change comes from another repository or project than the one it targets. */
  fromFork: boolean;
  /** PR labels at the time of the event (GitHub); MR labels (GitLab). */
  labels: string[];
}

/** GitLab-only facts the hooks and publishers need. */
export interface GitLabFacts {
  /** CI_JOB_ID, as GitLab numbers it (the hil job id is `gl-<it>`). */
  jobId?: string;
  projectId?: string;
  pipelineId?: number;
  pipelineUrl?: string;
  /** push, merge_request_event, web, schedule, … */
  pipelineSource?: string;
  /** Where the job runs: the project itself or a fork's pipeline. */
  mergeRequest?: {
    iid?: string;
    projectId?: string;
    projectPath?: string;
    sourceProjectId?: string;
    sourceProjectPath?: string;
  };
  runnerId?: string;
  concurrentId?: string;
  /** CI_JOB_STATUS in after_script: success, failed, canceled. */
  jobStatus?: string;
  /** CI_JOB_TIMEOUT, seconds. */
  jobTimeoutSec?: number;
  /** CI_JOB_TOKEN: may read artifacts, may not post statuses. */
  jobToken?: string;
  runnerTags: string[];
  /** GITLAB_USER_LOGIN: who started the pipeline. */
  userLogin?: string;
}

/**
 * What the CI says about the job, built once from the environment with one precedence. The only
 * module that reads GitHub's or GitLab's variables; everything else is handed this.
 */
export interface CiContext {
  forge: Forge;
  /** `owner/repo` (GitHub) or the project path (GitLab). */
  repo?: string;
  /** The commit the job checked out and built: GITHUB_SHA / CI_COMMIT_SHA (a PR's merge commit). */
  jobSha?: string;
  /**
   * The commit the job's results belong to: a PR's head, a workflow_run's head_sha, else the
   * job's SHA.
   */
  commitSha?: string;
  /**
   * The commit whose firmware bundle the job flashes: a workflow_run's head_sha (the triggering
   * run built it), else the job's SHA.
   */
  buildSha?: string;
  /** The run that built the bundle, when it is not this one (a workflow_run's triggering run). */
  buildRunId?: string;
  /** Branch or tag: GITHUB_REF_NAME / CI_COMMIT_REF_NAME. */
  ref?: string;
  /** GitHub run id and attempt; GitLab pipeline id as run id. */
  runId?: string;
  runAttempt?: string;
  /** GITHUB_JOB / CI_JOB_NAME. */
  jobName?: string;
  /**
   * The job's one id: `gh-<run id>-<attempt>-<job>@<runner>` (the legs of a matrix job share
   * GITHUB_JOB and each runs on its own runner), `gl-<job id>`, `local-<host>-<pid>`.
   */
  jobId: string;
  /** RUNNER_NAME / CI_RUNNER_DESCRIPTION, else `<user> (terminal)`. */
  runner: string;
  /**
   * One runner process runs one job at a time: `gh:<RUNNER_NAME>`, `gl:<runner>:<concurrent id>`
   * (jobs of one GitLab runner that run at once differ in the concurrent id), `local:<job id>`.
   */
  runnerKey: string;
  /** Labels the runner is known by: HIL_RUNNER_LABELS, GitLab's CI_RUNNER_TAGS, the runner's name. */
  runnerLabels: string[];
  host: string;
  /** Who started the job. */
  requestedBy: string;
  /** What runs: `github-actions <workflow> <job>`, `gitlab-ci <project> <job>`, `hil <command>`. */
  command: string[];
  /** The job's checkout: GITHUB_WORKSPACE / CI_PROJECT_DIR. */
  workspace?: string;
  /** The runner's temp dir (RUNNER_TEMP). */
  tempDir?: string;
  /** https://github.com or the GitLab instance. */
  serverUrl?: string;
  /** GitHub's REST base (GITHUB_API_URL). */
  apiUrl?: string;
  /** The run (GitHub) or job (GitLab) page. */
  url?: string;
  /** GITHUB_EVENT_NAME. */
  eventName?: string;
  /**
   * The GitHub event payload (GITHUB_EVENT_PATH), read on first use and kept. Throws when a GitHub
   * job's payload cannot be read: the fork gate must not guess.
   */
  event(): GitHubEvent | undefined;
  /** The pull request (GitHub) or merge request (GitLab) the job runs for, if any. */
  change(): ChangeRequest | undefined;
  gitlab: GitLabFacts;
  /** Forge tokens the runner host gives hil: HIL_GITHUB_TOKEN else GITHUB_TOKEN; HIL_GITLAB_TOKEN else GITLAB_TOKEN. */
  tokens: { github?: string; gitlab?: string };
  /** GitHub's file commands (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY). */
  files: { env?: string; output?: string; summary?: string };
}

const nonEmpty = (v: string | undefined) => (v ? v : undefined);

function user(env: NodeJS.ProcessEnv): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER || env.LOGNAME || `uid-${process.getuid?.() ?? "?"}`;
  }
}

function labelsOf(env: NodeJS.ProcessEnv): { labels: string[]; tags: string[] } {
  const labels = new Set<string>();
  for (const l of (env.HIL_RUNNER_LABELS ?? "").split(",")) if (l.trim()) labels.add(l.trim());
  const tags: string[] = [];
  if (env.CI_RUNNER_TAGS) {
    try {
      const parsed: unknown = JSON.parse(env.CI_RUNNER_TAGS);
      if (Array.isArray(parsed)) for (const t of parsed) if (typeof t === "string") tags.push(t);
    } catch {
      for (const t of env.CI_RUNNER_TAGS.split(",")) if (t.trim()) tags.push(t.trim());
    }
  }
  for (const t of tags) labels.add(t);
  if (env.RUNNER_NAME) labels.add(env.RUNNER_NAME);
  return { labels: [...labels], tags };
}

function readEventFile(env: NodeJS.ProcessEnv): GitHubEvent | undefined {
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

function once<T>(f: () => T): () => T {
  let done = false;
  let value: T;
  let error: unknown;
  return () => {
    if (!done) {
      try {
        value = f();
      } catch (e) {
        error = e;
      }
      done = true;
    }
    if (error !== undefined) throw error;
    return value;
  };
}

function github(env: NodeJS.ProcessEnv, base: Base): CiContext {
  const server = (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/$/, "");
  const repo = nonEmpty(env.GITHUB_REPOSITORY);
  const eventName = nonEmpty(env.GITHUB_EVENT_NAME);
  const event = once(() => readEventFile(env));
  const quietEvent = () => {
    try {
      return event();
    } catch {
      return undefined;
    }
  };
  // The legs of a matrix job share GITHUB_JOB; each runs on its own runner (one per slot), so
  // the runner's name tells them apart: gh-8121934471-1-hil@esp32-hut-01.
  const leg = env.RUNNER_NAME ? `@${env.RUNNER_NAME.replace(/[^A-Za-z0-9._-]+/g, "-")}` : "";
  const runId = nonEmpty(env.GITHUB_RUN_ID);
  const runAttempt = env.GITHUB_RUN_ATTEMPT || "1";
  const jobName = nonEmpty(env.GITHUB_JOB);
  const change = once((): ChangeRequest | undefined => {
    const ev = quietEvent();
    const pr = eventName && PULL_REQUEST_EVENTS.includes(eventName) ? ev?.pull_request : undefined;
    if (!pr) return undefined;
    const head = pr.head?.repo;
    const baseRepo = pr.base?.repo ?? ev?.repository;
    const same =
      head != null &&
      (head.id !== undefined && baseRepo?.id !== undefined
        ? head.id === baseRepo.id
        : head.full_name === (baseRepo?.full_name ?? repo));
    const target = baseRepo?.full_name ?? repo;
    return {
      ...(pr.number !== undefined ? { number: pr.number } : {}),
      ...(pr.head?.sha ? { headSha: pr.head.sha } : {}),
      ...(head?.full_name ? { source: head.full_name } : {}),
      ...(target ? { target } : {}),
      fromFork: !same,
      labels: (pr.labels ?? []).flatMap((l) => (l.name ? [l.name] : [])),
    };
  });
  const jobSha = nonEmpty(env.GITHUB_SHA);
  const run = eventName === "workflow_run" ? quietEvent()?.workflow_run : undefined;
  const commitSha = change()?.headSha ?? run?.head_sha ?? jobSha;
  const buildSha = run?.head_sha ?? jobSha;
  const runner = env.RUNNER_NAME || base.runner;
  return {
    ...base,
    forge: "github",
    ...(repo ? { repo } : {}),
    ...(jobSha ? { jobSha } : {}),
    ...(commitSha ? { commitSha } : {}),
    ...(buildSha ? { buildSha } : {}),
    ...(run?.id ? { buildRunId: String(run.id) } : {}),
    ...(env.GITHUB_REF_NAME ? { ref: env.GITHUB_REF_NAME } : {}),
    ...(runId ? { runId, runAttempt } : {}),
    ...(jobName ? { jobName } : {}),
    jobId: runId && jobName ? `gh-${runId}-${runAttempt}-${jobName}${leg}` : base.jobId,
    runner,
    runnerKey: `gh:${runner}`,
    requestedBy: env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR || base.requestedBy,
    command: [
      "github-actions",
      env.GITHUB_WORKFLOW || env.GITHUB_WORKFLOW_REF || "workflow",
      env.GITHUB_JOB || "job",
    ],
    ...(env.GITHUB_WORKSPACE ? { workspace: env.GITHUB_WORKSPACE } : {}),
    ...(env.RUNNER_TEMP ? { tempDir: env.RUNNER_TEMP } : {}),
    serverUrl: server,
    apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/$/, ""),
    ...(repo && runId ? { url: `${server}/${repo}/actions/runs/${runId}` } : {}),
    ...(eventName ? { eventName } : {}),
    event,
    change,
    files: {
      ...(env.GITHUB_ENV ? { env: env.GITHUB_ENV } : {}),
      ...(env.GITHUB_OUTPUT ? { output: env.GITHUB_OUTPUT } : {}),
      ...(env.GITHUB_STEP_SUMMARY ? { summary: env.GITHUB_STEP_SUMMARY } : {}),
    },
  };
}

function gitlab(env: NodeJS.ProcessEnv, base: Base): CiContext {
  const repo = nonEmpty(env.CI_PROJECT_PATH);
  const sha = nonEmpty(env.CI_COMMIT_SHA);
  const runner = env.CI_RUNNER_DESCRIPTION || base.runner;
  const mr = env.CI_MERGE_REQUEST_IID
    ? {
        ...(env.CI_MERGE_REQUEST_IID ? { iid: env.CI_MERGE_REQUEST_IID } : {}),
        ...(env.CI_MERGE_REQUEST_PROJECT_ID ? { projectId: env.CI_MERGE_REQUEST_PROJECT_ID } : {}),
        ...(env.CI_MERGE_REQUEST_PROJECT_PATH
          ? { projectPath: env.CI_MERGE_REQUEST_PROJECT_PATH }
          : {}),
        ...(env.CI_MERGE_REQUEST_SOURCE_PROJECT_ID
          ? { sourceProjectId: env.CI_MERGE_REQUEST_SOURCE_PROJECT_ID }
          : {}),
        ...(env.CI_MERGE_REQUEST_SOURCE_PROJECT_PATH
          ? { sourceProjectPath: env.CI_MERGE_REQUEST_SOURCE_PROJECT_PATH }
          : {}),
      }
    : undefined;
  const timeout = Number(env.CI_JOB_TIMEOUT);
  const pipelineId = Number(env.CI_PIPELINE_ID);
  const facts: GitLabFacts = {
    ...(env.CI_JOB_ID ? { jobId: env.CI_JOB_ID } : {}),
    ...(env.CI_PROJECT_ID ? { projectId: env.CI_PROJECT_ID } : {}),
    ...(Number.isInteger(pipelineId) && pipelineId > 0 ? { pipelineId } : {}),
    ...(env.CI_PIPELINE_URL ? { pipelineUrl: env.CI_PIPELINE_URL } : {}),
    ...(env.CI_PIPELINE_SOURCE ? { pipelineSource: env.CI_PIPELINE_SOURCE } : {}),
    ...(mr ? { mergeRequest: mr } : {}),
    ...(env.CI_RUNNER_ID ? { runnerId: env.CI_RUNNER_ID } : {}),
    ...(env.CI_CONCURRENT_ID ? { concurrentId: env.CI_CONCURRENT_ID } : {}),
    ...(env.CI_JOB_STATUS ? { jobStatus: env.CI_JOB_STATUS } : {}),
    ...(Number.isInteger(timeout) && timeout > 0 ? { jobTimeoutSec: timeout } : {}),
    ...(env.CI_JOB_TOKEN ? { jobToken: env.CI_JOB_TOKEN } : {}),
    runnerTags: base.gitlab.runnerTags,
    ...(env.GITLAB_USER_LOGIN ? { userLogin: env.GITLAB_USER_LOGIN } : {}),
  };
  const change = once((): ChangeRequest | undefined => {
    if (!mr) return undefined;
    const source = mr.sourceProjectPath ?? mr.sourceProjectId;
    const target = mr.projectPath ?? mr.projectId;
    return {
      number: Number(mr.iid),
      ...(sha ? { headSha: sha } : {}),
      ...(source ? { source } : {}),
      ...(target ? { target } : {}),
      fromFork: !!mr.sourceProjectId && !!mr.projectId && mr.sourceProjectId !== mr.projectId,
      labels: (env.CI_MERGE_REQUEST_LABELS ?? "").split(",").filter(Boolean),
    };
  });
  const server = env.CI_SERVER_URL?.replace(/\/$/, "");
  const url = env.CI_JOB_URL || env.CI_PIPELINE_URL;
  return {
    ...base,
    forge: "gitlab",
    ...(repo ? { repo } : {}),
    ...(sha ? { jobSha: sha, commitSha: sha, buildSha: sha } : {}),
    ...(env.CI_COMMIT_REF_NAME ? { ref: env.CI_COMMIT_REF_NAME } : {}),
    ...(env.CI_PIPELINE_ID ? { runId: env.CI_PIPELINE_ID } : {}),
    ...(env.CI_JOB_NAME ? { jobName: env.CI_JOB_NAME } : {}),
    jobId: env.CI_JOB_ID ? `gl-${env.CI_JOB_ID}` : base.jobId,
    runner,
    runnerKey: `gl:${env.CI_RUNNER_ID ?? env.CI_RUNNER_DESCRIPTION ?? runner}:${env.CI_CONCURRENT_ID ?? "0"}`,
    requestedBy: env.GITLAB_USER_LOGIN || base.requestedBy,
    command: ["gitlab-ci", env.CI_PROJECT_PATH || "project", env.CI_JOB_NAME || "job"],
    ...(env.CI_PROJECT_DIR ? { workspace: env.CI_PROJECT_DIR } : {}),
    ...(server ? { serverUrl: server } : {}),
    ...(url ? { url } : {}),
    event: () => undefined,
    change,
    gitlab: facts,
  };
}

type Base = Omit<CiContext, "forge">;

/**
 * The CI context of this process, from `env` (default process.env). GitHub Actions when
 * GITHUB_ACTIONS=true (or a run id and job are set), GitLab CI when GITLAB_CI=true (or a job id
 * is set), else a local session. Built once per environment object: call it as often as you
 * like.
 */
export function ciContext(env: NodeJS.ProcessEnv = process.env): CiContext {
  const key = fingerprint(env);
  const hit = cache.get(env);
  if (hit?.key === key) return hit.ctx;
  const ctx = build(env);
  cache.set(env, { key, ctx });
  return ctx;
}

// An environment object can change under us (process.env): a context is reused only while the
// variables it was built from are the same.
const cache = new WeakMap<NodeJS.ProcessEnv, { key: string; ctx: CiContext }>();
const CI_VARS = /^(GITHUB_|GITLAB_|CI_|RUNNER_|HIL_)/;

function fingerprint(env: NodeJS.ProcessEnv): string {
  let key = "";
  for (const name in env) if (CI_VARS.test(name)) key += `${name}=${env[name]}\0`;
  return key;
}

function build(env: NodeJS.ProcessEnv): CiContext {
  const who = user(env);
  const host = hostname();
  const { labels, tags } = labelsOf(env);
  const githubToken = env.HIL_GITHUB_TOKEN || env.GITHUB_TOKEN;
  const gitlabToken = env.HIL_GITLAB_TOKEN || env.GITLAB_TOKEN;
  const base: Base = {
    jobId: `local-${host}-${process.pid}`,
    runner: `${who} (terminal)`,
    runnerKey: "",
    runnerLabels: labels,
    host,
    requestedBy: who,
    command: ["hil"],
    // A payload outside a GitHub job (a replayed event) is still read: the fork gate needs it.
    event: env.GITHUB_EVENT_PATH ? once(() => readEventFile(env)) : () => undefined,
    change: () => undefined,
    gitlab: { runnerTags: tags },
    tokens: {
      ...(githubToken ? { github: githubToken } : {}),
      ...(gitlabToken ? { gitlab: gitlabToken } : {}),
    },
    files: {},
  };
  if (env.GITHUB_ACTIONS === "true" || (env.GITHUB_RUN_ID && env.GITHUB_JOB))
    return github(env, base);
  if (env.GITLAB_CI === "true" || env.CI_JOB_ID) return gitlab(env, base);
  return {
    ...base,
    forge: "local",
    runnerKey: `local:${base.jobId}`,
    workspace: process.cwd(),
  };
}
