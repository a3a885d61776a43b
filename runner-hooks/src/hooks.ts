import { GitHubHost } from "@hil/actions-kit";
import { GitLabHost, TerminalHost, type Host } from "@hil/host";
import { runHook } from "@hil/lifecycle";

/** The Host of a hook: workflow commands on GitHub, sections on GitLab, plain lines elsewhere. */
function hostFor(env: NodeJS.ProcessEnv): Host {
  if (env.GITHUB_ACTIONS === "true") return new GitHubHost();
  if (env.GITLAB_CI === "true") return new GitLabHost();
  return new TerminalHost();
}

export function runHooks(phase: string | undefined, env: NodeJS.ProcessEnv): Promise<number> {
  return runHook(phase, { env, host: hostFor(env) });
}
