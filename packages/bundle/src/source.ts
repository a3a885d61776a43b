import type { Host } from "@hil/host";

/** What a source delivered into its work dir: a zip to extract, or a bundle directory. */
export type Download =
  | {
      kind: "zip";
      path: string;
    }
  | { kind: "dir"; path: string };

/**
 * Where a commit's bundle comes from: a GitHub artifact, a GitLab job artifact, or a local
 * directory/zip. A source only finds and transfers bytes; checking them (manifest, SHA,
 * sha256s, safe extraction) is done once, by `fetchBundle`, for every source alike.
 */
export interface BundleSource {
  /** `github`, `gitlab`, `local`. */
  readonly kind: string;
  /** The bundle as users should read it in messages, e.g. `GitHub artifact "fw-9fce…" in acme/fw`. */
  describe(sha: string): string;
  /**
   * Identity of what this source fetches for `sha`, stable across processes: the cache maps it
   * to the manifest digest so the next slot of the host skips the download.
   * `undefined` means "do not cache" (a local directory is used in place).
   */
  identity(sha: string): Promise<string | undefined>;
  /** Find the bundle of `sha` and put it into `workDir` (an empty temp dir). */
  download(sha: string, workDir: string, host: Host): Promise<Download>;
}

/** Secrets a source holds, so callers can mask them before anything is logged. */
export interface HasSecrets {
  secrets(): string[];
}
