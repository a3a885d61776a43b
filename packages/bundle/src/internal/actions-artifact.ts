import { ConfigurationError } from "@hil/contracts";

import type * as ArtifactNs from "@actions/artifact";
import type * as GitHubNs from "@actions/github";

type ArtifactModule = typeof ArtifactNs;
type GitHubModule = typeof GitHubNs;

interface Loaded {
  apiUrl: string;
  artifact: ArtifactModule;
  github: GitHubModule;
}

let loaded: Loaded | undefined;

export const DEFAULT_API_URL = "https://api.github.com";

/**
 * @actions/artifact refuses (GHESNotSupportedError) a GITHUB_SERVER_URL that is not github.com,
 * *.ghe.com or *.localhost: say so before calling it, with what to do instead.
 */
export function checkArtifactServer(serverUrl: string | undefined): void {
  const url = serverUrl || "https://github.com";
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    throw new ConfigurationError(`GITHUB_SERVER_URL ${JSON.stringify(url)} is not a URL.`);
  }
  if (host === "github.com" || host.endsWith(".ghe.com") || host.endsWith(".localhost")) return;
  throw new ConfigurationError(
    `GitHub artifacts v4 (@actions/artifact) do not work on GitHub Enterprise Server (${host}).`,
    {
      hint: "On GHES, pass the bundle to the hardware job another way (a local bundle directory or zip, e.g. downloaded by actions/download-artifact@v3) and give it to hil-flash as a path.",
    },
  );
}

/**
 * Load @actions/artifact (and the @actions/github it uses) for `apiUrl`. Both read
 * GITHUB_API_URL once, when they load, and use it for every request after: so it is set for
 * the load, and a later call for another API URL in the same process is refused instead of
 * silently talking to the first one.
 */
export async function loadArtifactClient(apiUrl: string): Promise<Loaded> {
  if (!loaded) {
    const before = process.env.GITHUB_API_URL;
    process.env.GITHUB_API_URL = apiUrl;
    try {
      const [artifact, github, utils] = await Promise.all([
        import(/* webpackMode: "eager" */ "@actions/artifact"),
        import(/* webpackMode: "eager" */ "@actions/github"),
        import(/* webpackMode: "eager" */ "@actions/github/lib/utils"),
      ]);
      loaded = { apiUrl: utils.defaults.baseUrl ?? DEFAULT_API_URL, artifact, github };
    } finally {
      if (before === undefined) delete process.env.GITHUB_API_URL;
      else process.env.GITHUB_API_URL = before;
    }
  }
  if (loaded.apiUrl.replace(/\/+$/, "") !== apiUrl.replace(/\/+$/, "")) {
    throw new ConfigurationError(
      `@actions/artifact in this process talks to ${loaded.apiUrl} (GITHUB_API_URL when it loaded), not ${apiUrl}.`,
      {
        hint: "It reads GITHUB_API_URL once per process: set GITHUB_API_URL before starting the process, and use one GitHub API per process.",
      },
    );
  }
  return loaded;
}
