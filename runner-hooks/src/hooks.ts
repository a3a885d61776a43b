import { GitHubHost } from "@hil/actions-kit";
import { ciContext } from "@hil/ci";
import { hostForCi, type Host } from "@hil/host";
import { runHook } from "@hil/lifecycle";

/** The Host of a hook: workflow commands on GitHub, sections on GitLab, plain lines elsewhere. */
function hostFor(env: NodeJS.ProcessEnv): Host {
  const ci = ciContext(env);
  return ci.forge === "github" ? new GitHubHost() : hostForCi(ci);
}

export function runHooks(phase: string | undefined, env: NodeJS.ProcessEnv): Promise<number> {
  return runHook(phase, { env, host: hostFor(env) });
}
