import { createHash, randomBytes } from "node:crypto";
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  unlink,
  utimes,
  writeFile,
} from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { HilError } from "@hil/contracts";
import { tryWithLock, withLock } from "./internal/lock";
import { verifyBundle, type VerifiedBundle } from "./verify";

export interface BundleCacheOptions {
  /** The host's cache dir (inventory `cache_dir`, default /var/cache/hil); bundles live in `<dir>/bundles`. */
  dir?: string;
  /** Size bound of the stored bundles; least recently used ones are evicted past it. Default 2 GiB (or HIL_CACHE_MAX_MB). */
  maxBytes?: number;
  /** How long a fetch waits for another process fetching the same bundle. Default 10 min. */
  lockTimeoutMs?: number;
  /** A lock not refreshed for this long belongs to a dead process and is taken over. Default 30 s. */
  staleMs?: number;
  /** A pin (a job using a bundle) not released for this long is ignored by eviction. Default 4 h 10 min. */
  pinTtlSec?: number;
}

/** One stored bundle, as `entries()` lists it. */
export interface CacheEntry {
  digest: string;
  dir: string;
  bytes: number;
  commitSha?: string;
  lastUsed: Date;
  /** Holders (job ids) currently using it. */
  pins: string[];
}

export interface EvictionResult {
  evicted: string[];
  freedBytes: number;
  /** Bytes still stored after eviction (may exceed the bound when the rest is in use). */
  totalBytes: number;
}

interface Meta {
  digest: string;
  bytes: number;
  commit_sha: string;
  installed_utc: string;
  source: string;
}

interface Pin {
  holder: string;
  pid: number;
  host: string;
  since: string;
  expires: number;
}

export const DEFAULT_CACHE_DIR = "/var/cache/hil";
const DIGEST = /^[0-9a-f]{64}$/;
/** Work dirs older than this are leftovers of a crashed process. */
const ABANDONED_MS = 6 * 3600 * 1000;

function defaultMaxBytes(): number {
  const mb = Number(process.env.HIL_CACHE_MAX_MB);
  return Number.isFinite(mb) && mb > 0 ? mb * 1024 * 1024 : 2 * 1024 * 1024 * 1024;
}

const hashKey = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 40);
const holderFile = (holder: string) =>
  holder.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 100) + "-" + hashKey(holder).slice(0, 8);

async function duBytes(dir: string): Promise<number> {
  let n = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) n += (await stat(join(e.parentPath, e.name))).size;
  }
  return n;
}

async function atomicWrite(path: string, data: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

/**
 * The content-addressed bundle cache of a runner host, shared by its slots:
 *
 * ```
 * <dir>/bundles/store/<digest>/      verified bundles, keyed by manifest digest
 * <dir>/bundles/meta/<digest>.json   size, commit; mtime = last use (LRU)
 * <dir>/bundles/refs/<key>           source identity (artifact of a SHA) -> digest
 * <dir>/bundles/pins/<digest>/<job>  jobs using a bundle: never evicted while pinned
 * <dir>/bundles/locks/               proper-lockfile locks (per ref, per digest, eviction)
 * <dir>/bundles/tmp/                 downloads in progress, renamed into store/ when verified
 * ```
 *
 * A bundle enters `store/` only after it verified, by an atomic rename from `tmp/` on the same
 * filesystem, so readers never see a half-written bundle and a failed fetch leaves nothing.
 */
export class BundleCache {
  readonly root: string;
  readonly maxBytes: number;
  readonly lockTimeoutMs: number;
  readonly staleMs: number;
  readonly pinTtlSec: number;

  constructor(opts: BundleCacheOptions = {}) {
    this.root = join(opts.dir ?? DEFAULT_CACHE_DIR, "bundles");
    this.maxBytes = opts.maxBytes ?? defaultMaxBytes();
    this.lockTimeoutMs = opts.lockTimeoutMs ?? 10 * 60 * 1000;
    this.staleMs = Math.max(opts.staleMs ?? 30_000, 5000);
    this.pinTtlSec = opts.pinTtlSec ?? 14400 + 600;
  }

  private p(...parts: string[]): string {
    return join(this.root, ...parts);
  }

  /** Create the layout (idempotent) and clear work dirs abandoned by crashed processes. */
  async init(): Promise<void> {
    try {
      for (const d of ["store", "meta", "refs", "pins", "locks", "tmp"])
        await mkdir(this.p(d), { recursive: true });
    } catch (e) {
      throw new HilError(`Cannot use the bundle cache ${this.root}: ${(e as Error).message}.`, {
        hint: "Create the inventory's cache_dir and make it writable by the runner user (e.g. sudo install -d -o runner /var/cache/hil), or set cache_dir in the inventory.",
      });
    }
    const now = Date.now();
    for (const name of await readdir(this.p("tmp"))) {
      const st = await stat(this.p("tmp", name)).catch(() => undefined);
      if (st && now - st.mtimeMs > ABANDONED_MS)
        await rm(this.p("tmp", name), { recursive: true, force: true });
    }
  }

  /** A fresh work dir inside the cache (same filesystem as store/, so installing is a rename). */
  workDir(): Promise<string> {
    return mkdtemp(this.p("tmp", "fetch-"));
  }

  /** Run `fn` holding the lock of a source identity: one fetch per bundle at a time on this host. */
  withRefLock<T>(identity: string, fn: () => Promise<T>): Promise<T> {
    return withLock(
      this.p("locks", `ref-${hashKey(identity)}.lock`),
      {
        timeoutMs: this.lockTimeoutMs,
        staleMs: this.staleMs,
        what: `the bundle cache entry for ${identity}`,
      },
      fn,
    );
  }

  private withDigestLock<T>(digest: string, fn: () => Promise<T>): Promise<T> {
    return withLock(
      this.p("locks", `bundle-${digest}.lock`),
      { timeoutMs: this.lockTimeoutMs, staleMs: this.staleMs, what: `cached bundle ${digest}` },
      fn,
    );
  }

  /** The digest a source identity resolved to before, if any. */
  async lookup(identity: string): Promise<string | undefined> {
    const text = await readFile(this.p("refs", hashKey(identity)), "utf8").catch(() => "");
    const digest = text.trim();
    return DIGEST.test(digest) ? digest : undefined;
  }

  async remember(identity: string, digest: string): Promise<void> {
    await atomicWrite(this.p("refs", hashKey(identity)), digest + "\n");
  }

  private async pin(digest: string, holder: string): Promise<void> {
    await mkdir(this.p("pins", digest), { recursive: true });
    const pin: Pin = {
      holder,
      pid: process.pid,
      host: hostname(),
      since: new Date().toISOString(),
      expires: Date.now() + this.pinTtlSec * 1000,
    };
    await atomicWrite(this.p("pins", digest, holderFile(holder)), JSON.stringify(pin) + "\n");
  }

  /** Holders with a live pin on `digest`; expired pins are removed. */
  private async livePins(digest: string): Promise<string[]> {
    const dir = this.p("pins", digest);
    const names = await readdir(dir).catch(() => [] as string[]);
    const live: string[] = [];
    for (const name of names) {
      if (name.endsWith(".tmp")) continue;
      const pin = await readFile(join(dir, name), "utf8")
        .then((t) => JSON.parse(t) as Pin)
        .catch(() => undefined);
      if (pin && pin.expires > Date.now()) live.push(pin.holder);
      else await unlink(join(dir, name)).catch(() => undefined);
    }
    return live;
  }

  /** Stop using `digest` as `holder` (the bundle becomes evictable when nobody else uses it). */
  async release(digest: string, holder: string): Promise<void> {
    await unlink(this.p("pins", digest, holderFile(holder))).catch(() => undefined);
  }

  /** Release every bundle `holder` (a job id) pinned; the job-completed hook calls this. Returns how many. */
  async releaseHolder(holder: string): Promise<number> {
    let n = 0;
    for (const digest of await readdir(this.p("pins")).catch(() => [] as string[])) {
      try {
        await unlink(this.p("pins", digest, holderFile(holder)));
        n++;
      } catch {
        // not pinned by this holder
      }
    }
    return n;
  }

  /**
   * Use a stored bundle: pin it for `holder`, re-verify it (manifest, SHA, every sha256) and mark
   * it used. A damaged entry is dropped and `undefined` returned, so the caller fetches again.
   */
  async open(
    digest: string,
    opts: { sha: string; label: string; holder: string },
  ): Promise<VerifiedBundle | undefined> {
    return this.withDigestLock(digest, async () => {
      const dir = this.p("store", digest);
      if (!(await stat(dir).catch(() => undefined))?.isDirectory()) return undefined;
      await this.pin(digest, opts.holder);
      let verified: VerifiedBundle;
      try {
        verified = await verifyBundle(dir, { sha: opts.sha, label: opts.label });
      } catch (e) {
        await this.release(digest, opts.holder);
        // A SHA mismatch is the caller's to report; anything else means the entry is damaged.
        if (e instanceof HilError && /^SHA mismatch/.test(e.message)) throw e;
        await this.drop(digest);
        return undefined;
      }
      if (verified.digest !== digest) {
        await this.release(digest, opts.holder);
        await this.drop(digest);
        return undefined;
      }
      await this.touch(digest);
      return verified;
    });
  }

  /**
   * Move a verified bundle directory (inside a work dir of this cache) into the store and pin it
   * for `holder`. If the same bundle is already stored (reached through another source), the
   * stored copy is kept.
   */
  async install(
    bundle: VerifiedBundle,
    opts: { holder: string; source: string },
  ): Promise<VerifiedBundle> {
    const digest = bundle.digest;
    return this.withDigestLock(digest, async () => {
      const dest = this.p("store", digest);
      if ((await stat(dest).catch(() => undefined))?.isDirectory()) {
        const existing = await verifyBundle(dest, {
          sha: bundle.manifest.commit_sha,
          label: opts.source,
        }).catch(() => undefined);
        if (existing && existing.digest === digest) {
          await this.pin(digest, opts.holder);
          await this.touch(digest);
          return existing;
        }
        await this.dropUnlocked(digest);
      }
      const meta: Meta = {
        digest,
        bytes: await duBytes(bundle.dir),
        commit_sha: bundle.manifest.commit_sha,
        installed_utc: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
        source: opts.source,
      };
      await atomicWrite(this.p("meta", `${digest}.json`), JSON.stringify(meta, null, 2) + "\n");
      await this.pin(digest, opts.holder);
      await rename(bundle.dir, dest);
      return verifyBundle(dest, { sha: bundle.manifest.commit_sha, label: opts.source });
    });
  }

  private async touch(digest: string): Promise<void> {
    const now = new Date();
    await utimes(this.p("meta", `${digest}.json`), now, now).catch(() => undefined);
  }

  /** Remove a stored bundle (rename away first, so readers never see half a directory). */
  private async drop(digest: string): Promise<void> {
    await this.dropUnlocked(digest);
  }

  private async dropUnlocked(digest: string): Promise<void> {
    const trash = this.p("tmp", `drop-${digest.slice(0, 12)}-${randomBytes(4).toString("hex")}`);
    await rename(this.p("store", digest), trash).catch(() => undefined);
    await unlink(this.p("meta", `${digest}.json`)).catch(() => undefined);
    await rm(trash, { recursive: true, force: true });
  }

  /** What the cache holds, least recently used first. */
  async entries(): Promise<CacheEntry[]> {
    const out: CacheEntry[] = [];
    for (const digest of await readdir(this.p("store")).catch(() => [] as string[])) {
      if (!DIGEST.test(digest)) continue;
      const dir = this.p("store", digest);
      const metaPath = this.p("meta", `${digest}.json`);
      const meta = await readFile(metaPath, "utf8")
        .then((t) => JSON.parse(t) as Meta)
        .catch(() => undefined);
      const st = await stat(metaPath).catch(() => undefined);
      const dst = await stat(dir).catch(() => undefined);
      if (!dst) continue;
      out.push({
        digest,
        dir,
        bytes: meta?.bytes ?? (await duBytes(dir)),
        ...(meta?.commit_sha ? { commitSha: meta.commit_sha } : {}),
        lastUsed: st?.mtime ?? dst.mtime,
        pins: await this.livePins(digest),
      });
    }
    return out.sort((a, b) => a.lastUsed.getTime() - b.lastUsed.getTime());
  }

  /**
   * Bring the store under `maxBytes` by removing least recently used bundles; a pinned bundle
   * (in use by a job) is never removed, nor any digest in `keep`. One evictor at a time; a busy
   * evictor makes this a no-op.
   */
  async evict(opts: { keep?: string[] } = {}): Promise<EvictionResult> {
    const keep = new Set(opts.keep ?? []);
    const result = await tryWithLock(this.p("locks", "evict.lock"), this.staleMs, async () => {
      const scanStart = Date.now();
      const entries = await this.entries();
      let total = entries.reduce((n, e) => n + e.bytes, 0);
      const evicted: string[] = [];
      let freed = 0;
      for (const e of entries) {
        if (total <= this.maxBytes) break;
        if (e.pins.length || keep.has(e.digest)) continue;
        const removed = await this.withDigestLock(e.digest, async () => {
          if ((await this.livePins(e.digest)).length) return false;
          await this.dropUnlocked(e.digest);
          await rm(this.p("pins", e.digest), { recursive: true, force: true });
          return true;
        });
        if (removed) {
          total -= e.bytes;
          freed += e.bytes;
          evicted.push(e.digest);
        }
      }
      // Forget refs to bundles that are gone (not ones written since the scan began: their
      // bundle may have been installed after it).
      const stored = new Set(
        (await this.entries().catch(() => [] as CacheEntry[])).map((x) => x.digest),
      );
      for (const ref of await readdir(this.p("refs")).catch(() => [] as string[])) {
        if (ref.endsWith(".tmp")) continue;
        const path = this.p("refs", ref);
        const st = await stat(path).catch(() => undefined);
        if (!st || st.mtimeMs >= scanStart - 1000) continue;
        const d = (await readFile(path, "utf8").catch(() => "")).trim();
        if (!stored.has(d)) await unlink(path).catch(() => undefined);
      }
      return { evicted, freedBytes: freed, totalBytes: total };
    });
    return result ?? { evicted: [], freedBytes: 0, totalBytes: -1 };
  }
}
