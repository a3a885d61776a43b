import { cp, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HilError } from "@hil/contracts";
import { TerminalHost, type Host } from "@hil/host";
import type { BundleCache } from "./cache";
import { extractZip, unsafeEntryReason, type ExtractLimits } from "./internal/zip";
import { MANIFEST_FILE, requireFullSha } from "./names";
import type { BundleSource, HasSecrets } from "./source";
import { verifyBundle, type VerifiedBundle } from "./verify";

export interface FetchOptions {
  /** Where the bundle comes from: GitHubSource, GitLabSource or LocalSource. */
  source: BundleSource;
  /** The job's commit; the bundle's manifest must record exactly this SHA. */
  sha: string;
  /**
   * The host's shared cache. With it, the first slot downloads and the others reuse the
   * verified bundle; without it, the bundle goes to a temp dir that `release()` removes.
   */
  cache?: BundleCache;
  /** Who uses the bundle (the job id): pins it against eviction until released. Default `pid-<pid>`. */
  holder?: string;
  host?: Host;
  /**
   * Path of the bundle directory inside the archive. Default: the archive root if it holds
   * manifest.json, else the one directory that does (GitLab archives keep the job's paths,
   * e.g. `fw-bundle/manifest.json`).
   */
  bundlePath?: string;
  limits?: ExtractLimits;
}

/** A verified bundle ready to flash, and how it was obtained. */
export interface BundleHandle extends VerifiedBundle {
  /** The source as named in messages. */
  source: string;
  /** True when it came from the host cache without a download. */
  cacheHit: boolean;
  /** Stop using it: unpin it in the cache, or remove the temp dir when uncached. Idempotent. */
  release(): Promise<void>;
}

/** Find the bundle directory inside an extracted archive. */
async function locateBundle(root: string, bundlePath: string | undefined, label: string) {
  if (bundlePath !== undefined && bundlePath !== "" && bundlePath !== ".") {
    const clean = bundlePath.replace(/\/+$/, "");
    const reason = unsafeEntryReason(clean);
    if (reason) throw new HilError(`The bundle path ${JSON.stringify(bundlePath)} ${reason}.`);
    return join(root, clean);
  }
  const top = await readdir(root);
  if (top.includes(MANIFEST_FILE)) return root;
  const found: string[] = [];
  for (const e of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name === MANIFEST_FILE) found.push(e.parentPath);
  }
  found.sort();
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    throw new HilError(`${label} holds no ${MANIFEST_FILE}; it is not a firmware bundle.`, {
      hint: "Upload the directory written by `hil bundle` (or use actions/build), not the raw ESP-IDF build directory.",
    });
  }
  throw new HilError(
    `${label} holds ${found.length} bundles (${found.map((f) => f.slice(root.length + 1) || ".").join(", ")}); which one?`,
    { hint: "Pass the bundle path inside the archive (bundlePath / --bundle-path)." },
  );
}

/** Download into `work`, extract safely, locate and verify: the one path every source takes. */
async function obtain(
  opts: FetchOptions,
  sha: string,
  work: string,
  host: Host,
): Promise<VerifiedBundle> {
  const label = opts.source.describe(sha);
  const dl = await opts.source.download(sha, join(work, "download"), host);
  let root: string;
  if (dl.kind === "zip") {
    root = join(work, "unpacked");
    await mkdir(root);
    await extractZip(dl.path, root, label, opts.limits);
  } else {
    root = join(work, "copy");
    await cp(dl.path, root, { recursive: true, verbatimSymlinks: true });
  }
  const dir = await locateBundle(root, opts.bundlePath, label);
  return verifyBundle(dir, { sha, label });
}

/**
 * Get the verified bundle of the job's commit from `source`, through the host cache when given.
 *
 * Checks, whatever the source: safe extraction (no absolute paths, `..`, symlinks), manifest
 * valid, manifest SHA equal to `sha`, every image's size and sha256. Anything refused leaves
 * nothing behind (no half-extracted files, no cache entry).
 */
export async function fetchBundle(opts: FetchOptions): Promise<BundleHandle> {
  const sha = requireFullSha(opts.sha, "The job's commit SHA");
  const host = opts.host ?? new TerminalHost();
  const holder = opts.holder ?? `pid-${process.pid}`;
  // Tokens the source holds never reach a log line through this host.
  const secrets = (opts.source as Partial<HasSecrets>).secrets?.() ?? [];
  for (const s of secrets) host.maskSecret(s);
  const label = opts.source.describe(sha);
  const identity = await opts.source.identity(sha);

  // A local bundle directory is verified and used where it is.
  if (identity === undefined) {
    const dl = await opts.source.download(sha, "", host);
    const v = await verifyBundle(dl.path, { sha, label });
    return { ...v, source: label, cacheHit: false, release: async () => undefined };
  }

  const cache = opts.cache;
  if (!cache) {
    const work = await mkdtemp(join(tmpdir(), "hil-bundle-"));
    try {
      await mkdir(join(work, "download"));
      const v = await obtain(opts, sha, work, host);
      let released = false;
      return {
        ...v,
        source: label,
        cacheHit: false,
        release: async () => {
          if (released) return;
          released = true;
          await rm(work, { recursive: true, force: true });
        },
      };
    } catch (e) {
      await rm(work, { recursive: true, force: true });
      throw e;
    }
  }

  await cache.init();
  const handle = await cache.withRefLock(identity, async () => {
    const known = await cache.lookup(identity);
    if (known) {
      const hit = await cache.open(known, { sha, label, holder });
      if (hit) {
        host.info(`Using cached bundle ${known.slice(0, 12)} for ${sha} (${label})`);
        return { v: hit, cacheHit: true };
      }
    }
    const work = await cache.workDir();
    try {
      await mkdir(join(work, "download"));
      const v = await obtain(opts, sha, work, host);
      const stored = await cache.install(v, { holder, source: label });
      await cache.remember(identity, stored.digest);
      host.info(
        `Cached bundle ${stored.digest.slice(0, 12)} for ${sha}: ${stored.images.length} images, ${stored.bytes} bytes`,
      );
      return { v: stored, cacheHit: false };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });

  try {
    const ev = await cache.evict({ keep: [handle.v.digest] });
    if (ev.evicted.length)
      host.info(
        `Evicted ${ev.evicted.length} least recently used bundle(s) from ${cache.root} (${ev.freedBytes} bytes)`,
      );
  } catch (e) {
    host.warn(`Bundle cache eviction failed: ${(e as Error).message}`);
  }

  let released = false;
  return {
    ...handle.v,
    source: label,
    cacheHit: handle.cacheHit,
    release: async () => {
      if (released) return;
      released = true;
      await cache.release(handle.v.digest, holder);
    },
  };
}
