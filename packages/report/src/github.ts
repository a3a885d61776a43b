import { getOctokit } from "@actions/github";
import type { Host } from "@hil/host";
import { explainForgeError, fit, type GitHubTarget, type PublishOutcome } from "./forge";
import { DEFAULT_DELAYS, type RetryOptions, withRetries } from "./retry";

/** A commit status (and optionally a check run) to post on GitHub. */
export interface GitHubPost {
  sha: string;
  state: "pending" | "success" | "failure" | "error";
  context: string;
  /** Cut to GitHub's 140 characters here. */
  description: string;
  check?: {
    conclusion: "success" | "failure" | "timed_out" | "cancelled";
    title: string;
    /** Markdown; cut to GitHub's 65535 characters here. */
    summary: string;
  };
}

interface OctokitError {
  status?: number;
  message: string;
  response?: { data?: { message?: string } };
}

const retryable = (e: unknown) => {
  const err = e as OctokitError;
  return !err.response || (err.status ?? 0) >= 500;
};

function failure(
  what: PublishOutcome["what"],
  target: GitHubTarget,
  post: GitHubPost,
  e: unknown,
): PublishOutcome {
  const err = e as OctokitError;
  const status = err.response ? err.status : undefined;
  const message = err.response?.data?.message ?? err.message;
  const { error, hint } = explainForgeError("github", what, target.apiUrl, status, message);
  return {
    forge: "github",
    what,
    ok: false,
    state: post.state,
    context: post.context,
    ...(status !== undefined ? { httpStatus: status } : {}),
    error,
    hint,
  };
}

/**
 * Post a commit status for the SHA through @actions/github's Octokit (baseUrl from the
 * target, so GHES and the test fakes work), and a check run when the target asks for one.
 * Never throws: each publication comes back as an outcome, failures with what to do.
 */
export async function publishGitHub(
  target: GitHubTarget,
  post: GitHubPost,
  host: Host,
  retry: RetryOptions = {},
): Promise<PublishOutcome[]> {
  const base = { forge: "github" as const, state: post.state, context: post.context };
  if (!target.token) {
    return [
      {
        ...base,
        what: "commit status",
        ok: false,
        error: `No GitHub token to post the commit status ${post.context} with.`,
        hint: "Pass github-token (default ${{ github.token }}, needs `permissions: statuses: write`), or set HIL_GITHUB_TOKEN in the runner's environment for the hooks.",
      },
    ];
  }
  host.maskSecret(target.token);
  const [owner, repo] = target.repository.split("/") as [string, string];
  const octokit = getOctokit(target.token, {
    baseUrl: target.apiUrl,
    log: {
      debug: () => {},
      info: () => {},
      warn: (m: string) => host.debug(m),
      error: (m: string) => host.debug(m),
    },
  });
  const delays = retry.delaysMs ?? DEFAULT_DELAYS;
  const signal = () => AbortSignal.timeout(retry.timeoutMs ?? 20_000);
  const outcomes: PublishOutcome[] = [];

  try {
    await withRetries(
      () =>
        octokit.rest.repos.createCommitStatus({
          owner,
          repo,
          sha: post.sha,
          state: post.state,
          context: post.context,
          description: fit(host.redact(post.description), 140),
          ...(target.targetUrl ? { target_url: target.targetUrl } : {}),
          request: { signal: signal() },
        }),
      retryable,
      delays,
    );
    outcomes.push({ ...base, what: "commit status", ok: true });
  } catch (e) {
    outcomes.push(failure("commit status", target, post, e));
  }

  if (target.checkRun && post.check) {
    const c = post.check;
    try {
      await withRetries(
        () =>
          octokit.rest.checks.create({
            owner,
            repo,
            name: post.context,
            head_sha: post.sha,
            status: "completed",
            conclusion: c.conclusion,
            ...(target.targetUrl ? { details_url: target.targetUrl } : {}),
            output: {
              title: fit(host.redact(c.title), 255),
              summary: host.redact(c.summary).slice(0, 65_535),
            },
            request: { signal: signal() },
          }),
        retryable,
        delays,
      );
      outcomes.push({ ...base, what: "check run", ok: true, state: c.conclusion });
    } catch (e) {
      outcomes.push({ ...failure("check run", target, post, e), state: c.conclusion });
    }
  }
  return outcomes;
}
