// @hil/bundle: firmware bundles between the lanes. The upstream lane packs an ESP-IDF build
// into `fw-<sha>` (packBundle, uploadBundle); the hardware lane fetches exactly that commit's
// bundle (fetchBundle) from GitHub, GitLab or a local path, through the host's shared cache.
export { BUNDLE_TOOL_VERSION } from "./version";
export { MANIFEST_FILE, bundleArtifactName, requireFullSha } from "./names";
export { readIdfBuild, type IdfBuild, type IdfImage } from "./internal/idf";
export { packBundle, serializeManifest, type PackOptions, type PackedBundle } from "./pack";
export {
  verifyBundle,
  sha256File,
  sha256Hex,
  shaMismatch,
  type BundleImage,
  type VerifiedBundle,
  type VerifyOptions,
} from "./verify";
export { extractZip, writeZip, unsafeEntryReason, type ExtractLimits } from "./internal/zip";
export type { BundleSource, Download, HasSecrets } from "./source";
export { LocalSource } from "./sources/local";
export { GitHubSource, type GitHubSourceOptions } from "./sources/github";
export { GitLabSource, type GitLabSourceOptions } from "./sources/gitlab";
export {
  BundleCache,
  DEFAULT_CACHE_DIR,
  type BundleCacheOptions,
  type CacheEntry,
  type EvictionResult,
} from "./cache";
export { fetchBundle, type BundleHandle, type FetchOptions } from "./fetch";
export { uploadBundle, type UploadOptions, type UploadedBundle } from "./upload";
export { runBuildCommand } from "./build-command";
export { BUNDLE_ENV, sourceFromEnv, type SourceFromEnvOptions } from "./from-env";
