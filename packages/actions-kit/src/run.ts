import * as core from "@actions/core";
import { describeError } from "@hil/contracts";
import { GitHubHost } from "./github-host";

/**
 * The one error boundary of an action: run `main`, turn any error into `setFailed`
 * with the message and what to do, never a stack trace a user has to decode.
 */
export async function runAction(main: (host: GitHubHost) => Promise<void>): Promise<void> {
  const host = new GitHubHost();
  try {
    await main(host);
  } catch (e) {
    if (e instanceof Error && e.stack) host.debug(e.stack);
    core.setFailed(host.redact(describeError(e)));
    // Errors that carry their own exit code (a cancelled job: 130, a timeout: 124) keep it.
    const code = (e as { exitCode?: unknown }).exitCode;
    if (typeof code === "number" && code > 0) process.exitCode = code;
  }
}
