import type { CiContext } from "@hil/ci";
import type { Report, ReportStatus } from "@hil/contracts";

/** Where and how to publish on GitHub. */
export interface GitHubTarget {
  kind: "github";
  /** REST API base, `GITHUB_API_URL` (https://api.github.com, or GHES's /api/v3). */
  apiUrl: string;
  /** `owner/repo`. */
  repository: string;
  /** A token with `statuses: write` (and `checks: write` for the check run). */
  token?: string;
  /** Link from the status to the run: `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`. */
  targetUrl?: string;
  /** Also create a check run carrying the summary. */
  checkRun?: boolean;
}

/** Where and how to publish on GitLab. */
export interface GitLabTarget {
  kind: "gitlab";
  /** `CI_SERVER_URL`, e.g. https://gitlab.example.com. */
  url: string;
  /** `CI_PROJECT_ID` (or the URL-encoded path). */
  projectId: string;
  /** A project/personal access token with `api` scope (a job token may not post statuses). */
  token?: string;
  /** `CI_JOB_URL` (or the pipeline's URL). */
  targetUrl?: string;
  /** `CI_PIPELINE_ID`: attach the status to this pipeline. */
  pipelineId?: number;
  /** `CI_COMMIT_REF_NAME`. */
  ref?: string;
}

export type ForgeTarget = GitHubTarget | GitLabTarget;

/** What came of one publication: posted, or why not and what to do. */
export interface PublishOutcome {
  forge: "github" | "gitlab";
  what: "commit status" | "check run";
  ok: boolean;
  /** The forge state posted (or that was to be posted). */
  state: string;
  context: string;
  httpStatus?: number;
  error?: string;
  hint?: string;
}

/**
 * GitHub's commit state for a report: `failure` means the firmware failed (tests, crash,
 * hang); `error` means the run could not be judged (the lab, the set-up) or was cancelled.
 */
export function githubState(
  r: Pick<Report, "status" | "failure_kind">,
): "success" | "failure" | "error" {
  if (r.status === "success") return "success";
  if (r.status === "cancelled") return "error";
  return r.failure_kind === "infrastructure" || r.failure_kind === "configuration"
    ? "error"
    : "failure";
}

/** A check run's conclusion for a report. */
export function checkConclusion(
  status: ReportStatus,
): "success" | "failure" | "timed_out" | "cancelled" {
  return status === "success"
    ? "success"
    : status === "timeout"
      ? "timed_out"
      : status === "cancelled"
        ? "cancelled"
        : "failure";
}

/** GitLab's commit status state for a report. */
export function gitlabState(status: ReportStatus): "success" | "failed" | "canceled" {
  return status === "success" ? "success" : status === "cancelled" ? "canceled" : "failed";
}

/** Cut text to a forge's limit, marking the cut. */
export function fit(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

/** The commit status context: `hil/<slot>` unless configured. */
export function statusContext(
  slot: string | undefined,
  lockKey: string,
  configured?: string,
): string {
  return configured || `hil/${slot ?? lockKey}`;
}

/**
 * The forge this job runs under, from the CI context: GitHub Actions (repository, API, run link)
 * or GitLab CI (server, project, job link, pipeline, ref). Tokens: the explicit one, else the
 * runner host's (HIL_GITHUB_TOKEN / HIL_GITLAB_TOKEN, else GITHUB_TOKEN / GITLAB_TOKEN).
 * Undefined when neither forge is in the environment (a person at a terminal).
 */
export function forgeFromCi(
  ci: CiContext,
  o: { token?: string; checkRun?: boolean } = {},
): ForgeTarget | undefined {
  if (ci.forge === "github" && ci.repo) {
    const token = o.token || ci.tokens.github;
    return {
      kind: "github",
      apiUrl: ci.apiUrl ?? "https://api.github.com",
      repository: ci.repo,
      ...(token ? { token } : {}),
      ...(ci.url ? { targetUrl: ci.url } : {}),
      ...(o.checkRun ? { checkRun: true } : {}),
    };
  }
  if (ci.forge === "gitlab" && ci.serverUrl && ci.gitlab.projectId) {
    const token = o.token || ci.tokens.gitlab;
    return {
      kind: "gitlab",
      url: ci.serverUrl,
      projectId: ci.gitlab.projectId,
      ...(token ? { token } : {}),
      ...(ci.url ? { targetUrl: ci.url } : {}),
      ...(ci.gitlab.pipelineId ? { pipelineId: ci.gitlab.pipelineId } : {}),
      ...(ci.ref ? { ref: ci.ref } : {}),
    };
  }
  return undefined;
}

/** A forge error as a person can act on it: what happened and what to do. */
export function explainForgeError(
  forge: "github" | "gitlab",
  what: string,
  where: string,
  status: number | undefined,
  message: string,
): { error: string; hint: string } {
  const name = forge === "github" ? "GitHub" : "GitLab";
  const tokenVar = forge === "github" ? "HIL_GITHUB_TOKEN" : "HIL_GITLAB_TOKEN";
  if (status === undefined) {
    return {
      error: `Could not reach ${name} at ${where} to post the ${what}: ${message}.`,
      hint: `Check the runner's network and proxy settings and the API URL (${forge === "github" ? "GITHUB_API_URL" : "CI_SERVER_URL"}); the report was still written.`,
    };
  }
  const said = `${name} answered ${status} (${message}) to the ${what}`;
  switch (status) {
    case 401:
      return {
        error: `${said}: the token was refused.`,
        hint: `The token is missing, expired or revoked: pass a valid one (the github-token input, --token) or set ${tokenVar} in the runner's environment for the hooks.`,
      };
    case 403:
      return {
        error: `${said}: the token may not do this.`,
        hint:
          forge === "github"
            ? `Give the job \`permissions: { statuses: write${what === "check run" ? ", checks: write" : ""} }\` (tokens of pull requests from forks are read-only), or use a token with the repo:status scope.`
            : "Use a project access token (role Developer or above, scope `api`); a job token (CI_JOB_TOKEN) may not post commit statuses.",
      };
    case 404:
      return {
        error: `${said}: the ${forge === "github" ? "repository" : "project or commit"} was not found.`,
        hint: `Check the ${forge === "github" ? "repository (GITHUB_REPOSITORY) and that the token can see it" : "project id (CI_PROJECT_ID), the commit SHA and that the token's project is this one"}.`,
      };
    case 422:
      return {
        error: `${said}.`,
        hint: "The commit SHA must exist in the repository (check commit_sha in the invocation / GITHUB_SHA); GitHub also stops taking statuses after 1000 per SHA and context.",
      };
    default:
      return {
        error: `${said}.`,
        hint:
          status >= 500
            ? `${name} had trouble; re-run the report later (hil report).`
            : `Check the request against the ${name} API documentation.`,
      };
  }
}
