import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ciContext } from "@hil/ci";
import {
  BundleCache,
  extractZip,
  fetchBundle,
  LocalSource,
  MANIFEST_FILE,
  sourceFromEnv,
  verifyBundle,
  type VerifiedBundle,
} from "@hil/bundle";
import { ConfigurationError, HilError } from "@hil/contracts";
import type { Host } from "@hil/host";

/** A verified bundle to flash, and how to let go of it. */
export interface OpenedBundle extends VerifiedBundle {
  /** Where it came from, as named in messages. */
  source: string;
  /** Served from the host cache (the job-started hook had fetched it). */
  cacheHit: boolean;
  release(): Promise<void>;
}

export interface OpenBundleOptions {
  /** A bundle directory or zip; without it, the job's bundle (sourceFromEnv, through the host cache). */
  path?: string;
  /** The job's commit; default HIL_SHA / GITHUB_SHA / CI_COMMIT_SHA. */
  sha?: string;
  /** Token for the forge when the bundle has to be downloaded. */
  token?: string;
  /** The inventory's cache_dir (the host's bundle cache). */
  cacheDir: string;
  /** Pins the bundle in the cache while it is flashed. */
  holder: string;
  env: NodeJS.ProcessEnv;
  host: Host;
}

const jobSha = (o: OpenBundleOptions) =>
  o.sha || o.env.HIL_SHA || ciContext(o.env).buildSha || undefined;

/**
 * The bundle to flash. A given path (the action's `bundle` input, `hil flash <bundle>`) is a
 * LocalSource: a directory is verified in place, a zip is extracted safely to a temp dir;
 * when the job's commit is known the bundle must have been built from it. Without a path it
 * is the job's bundle: `sourceFromEnv` and `fetchBundle` through the host cache, where the
 * job-started hook has already put it (a cache hit), else downloaded now.
 */
export async function openBundle(o: OpenBundleOptions): Promise<OpenedBundle> {
  const sha = jobSha(o);
  if (o.path) {
    const source = new LocalSource(o.path);
    if (sha) {
      const b = await fetchBundle({ source, sha, host: o.host, holder: o.holder });
      return b;
    }
    // A person at a terminal with no commit in sight: check everything but the commit.
    o.host.warn(
      `No commit SHA given (--sha, HIL_SHA, GITHUB_SHA or CI_COMMIT_SHA): flashing ${source.path} without checking which commit it was built from.`,
    );
    return openUnpinned(source.path);
  }
  const { source, sha: envSha } = sourceFromEnv({
    env: o.env,
    ...(o.token ? { token: o.token } : {}),
  });
  const cache = new BundleCache({ dir: o.cacheDir });
  return fetchBundle({ source, sha: sha ?? envSha, cache, holder: o.holder, host: o.host });
}

async function openUnpinned(path: string): Promise<OpenedBundle> {
  const full = resolve(path);
  let st;
  try {
    st = await stat(full);
  } catch {
    throw new ConfigurationError(`No bundle at ${full}: it does not exist.`, {
      hint: "Pass a bundle directory (holding manifest.json) or its zip.",
    });
  }
  if (st.isDirectory()) {
    const v = await verifyBundle(full);
    return { ...v, source: `bundle ${full}`, cacheHit: false, release: async () => undefined };
  }
  const work = await mkdtemp(join(tmpdir(), "hil-flash-"));
  const release = () => rm(work, { recursive: true, force: true });
  try {
    await extractZip(full, work, `bundle ${full}`);
    let dir = work;
    const top = await readdir(work, { withFileTypes: true });
    if (!top.some((e) => e.name === MANIFEST_FILE)) {
      const dirs = top.filter((e) => e.isDirectory());
      if (dirs.length === 1) dir = join(work, dirs[0]!.name);
    }
    const v = await verifyBundle(dir, { label: `bundle ${full}` });
    return { ...v, source: `bundle ${full}`, cacheHit: false, release };
  } catch (e) {
    await release();
    if (e instanceof HilError) throw e;
    throw new HilError(`Cannot open the bundle ${full}: ${(e as Error).message}`);
  }
}
