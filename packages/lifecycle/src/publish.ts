import { describeError } from "@hil/contracts";
import type { Host } from "@hil/host";
import type { ForgeTarget, PublishOutcome } from "@hil/report";

/**
 * Post `what` (the pending status, the report) to the job's forge, or say why not. The hooks
 * never fail a job over this: a missing token is a note, a refusal or an unreachable forge a
 * warning with what to do.
 */
export async function publishQuietly(
  forge: ForgeTarget | undefined,
  what: string,
  post: (forge: ForgeTarget) => Promise<PublishOutcome[]>,
  host: Host,
): Promise<PublishOutcome[]> {
  if (!forge) return [];
  if (!forge.token) {
    const token = forge.kind === "github" ? "HIL_GITHUB_TOKEN" : "HIL_GITLAB_TOKEN";
    host.info(`Not posting ${what}: no ${token} in the runner's environment.`);
    return [];
  }
  try {
    const out = await post(forge);
    for (const x of out) {
      if (x.ok) host.info(`posted ${x.forge} ${x.what} ${x.context}: ${x.state}`);
      else
        host.warn(`${x.error}\n${x.hint ?? ""}`.trim(), {
          title: `${x.forge} ${x.what} (${x.state}) not posted`,
        });
    }
    return out;
  } catch (e) {
    host.warn(`${what} was not posted: ${describeError(e)}`);
    return [];
  }
}
