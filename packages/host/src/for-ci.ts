import type { CiContext } from "@hil/ci";
import type { Host } from "./host";
import { GitLabHost } from "./gitlab";
import { TerminalHost, type TerminalHostOptions } from "./terminal";

/**
 * The Host of a command run from a CI script or a terminal: GitLab's collapsible sections in a
 * GitLab job, plain lines elsewhere; the summary goes to the given file, else (on GitHub) the
 * step summary. (Actions use GitHubHost from @hil/actions-kit.)
 */
export function hostForCi(ci: CiContext, o: TerminalHostOptions = {}): Host {
  const summaryFile = o.summaryFile ?? ci.files.summary;
  const options = { ...o, ...(summaryFile ? { summaryFile } : {}) };
  return ci.forge === "gitlab" ? new GitLabHost(options) : new TerminalHost(options);
}
