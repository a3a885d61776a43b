import { commitSha, ConfigurationError } from "@hil/contracts";

/** The file at the root of every bundle. */
export const MANIFEST_FILE = "manifest.json";

/**
 * The artifact name of a commit's bundle: `fw-<sha>`, or `fw-<sha>-<target>` when one commit
 * yields several bundles (one per board or chip).
 */
export function bundleArtifactName(sha: string, target?: string): string {
  return target ? `fw-${sha}-${target}` : `fw-${sha}`;
}

/** Refuse anything but a full lowercase commit SHA: the bundle contract is exact. */
export function requireFullSha(sha: string | undefined, what: string): string {
  const s = (sha ?? "").trim().toLowerCase();
  if (!commitSha.safeParse(s).success) {
    throw new ConfigurationError(
      `${what} must be a full commit SHA (40 hex digits), got ${JSON.stringify(sha ?? "")}.`,
      {
        hint: "Pass the job's commit: GITHUB_SHA on GitHub, CI_COMMIT_SHA on GitLab, `git rev-parse HEAD` locally.",
      },
    );
  }
  return s;
}
