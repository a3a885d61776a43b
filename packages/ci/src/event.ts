/** The GitHub webhook payload of the run (GITHUB_EVENT_PATH), as far as hil reads it. */
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
  /** The label just added, on a `labeled` event. */
  label?: { name?: string };
  sender?: { login?: string };
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
