import { Gitlab } from "@gitbeaker/rest";
import type { Host } from "@hil/host";
import { explainForgeError, fit, type GitLabTarget, type PublishOutcome } from "./forge";
import { DEFAULT_DELAYS, type RetryOptions, withRetries } from "./retry";

/** A commit status to post on GitLab. */
export interface GitLabPost {
  sha: string;
  state: "pending" | "running" | "success" | "failed" | "canceled";
  context: string;
  description: string;
}

interface GitbeakerError {
  name: string;
  message: string;
  cause?: { response?: { status?: number }; code?: string; message?: string } | Error;
}

function statusOf(e: unknown): number | undefined {
  const err = e as GitbeakerError;
  const res = (err.cause as { response?: { status?: number } } | undefined)?.response;
  return err.name === "GitbeakerRequestError" ? res?.status : undefined;
}

function messageOf(e: unknown): string {
  const err = e as GitbeakerError;
  if (err.name === "GitbeakerRequestError") return err.message;
  const cause = err.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? err.message;
}

const retryable = (e: unknown) => {
  const s = statusOf(e);
  return s === undefined || s >= 500;
};

/**
 * Post a commit status on GitLab through @gitbeaker/rest (`Commits.editStatus`) with a
 * project token. A status that is already in the posted state (GitLab answers 400 "Cannot
 * transition status") counts as posted. Never throws.
 */
export async function publishGitLab(
  target: GitLabTarget,
  post: GitLabPost,
  host: Host,
  retry: RetryOptions = {},
): Promise<PublishOutcome[]> {
  const base = {
    forge: "gitlab" as const,
    what: "commit status" as const,
    state: post.state,
    context: post.context,
  };
  if (!target.token) {
    return [
      {
        ...base,
        ok: false,
        error: `No GitLab token to post the commit status ${post.context} with.`,
        hint: "Set HIL_GITLAB_TOKEN (a project access token with the api scope) as a CI/CD variable or in the runner's environment; CI_JOB_TOKEN may not post commit statuses.",
      },
    ];
  }
  host.maskSecret(target.token);
  const api = new Gitlab({
    host: target.url,
    token: target.token,
    queryTimeout: retry.timeoutMs ?? 20_000,
  });
  try {
    await withRetries(
      () =>
        api.Commits.editStatus(target.projectId, post.sha, post.state, {
          name: post.context,
          description: fit(host.redact(post.description), 255),
          ...(target.targetUrl ? { targetUrl: target.targetUrl } : {}),
          ...(target.pipelineId ? { pipelineId: target.pipelineId } : {}),
          ...(target.ref ? { ref: target.ref } : {}),
        }),
      retryable,
      retry.delaysMs ?? DEFAULT_DELAYS,
    );
    return [{ ...base, ok: true }];
  } catch (e) {
    const status = statusOf(e);
    const message = messageOf(e);
    if (status === 400 && /Cannot transition status/i.test(message)) {
      host.debug(`GitLab: ${post.context} is already ${post.state} (${message})`);
      return [{ ...base, ok: true, httpStatus: 400 }];
    }
    const { error, hint } = explainForgeError(
      "gitlab",
      "commit status",
      target.url,
      status,
      message,
    );
    return [
      { ...base, ok: false, ...(status !== undefined ? { httpStatus: status } : {}), error, hint },
    ];
  }
}
