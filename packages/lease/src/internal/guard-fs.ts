import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
  type Stats,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { holderFileName, holderRecord, isHolderFile, type HolderRecord } from "../record";

type Errno = NodeJS.ErrnoException;
type Callback<T = undefined> = (err: Errno | null, value?: T) => void;

/** Where a test may park a claimant inside a stale takeover (to replay the issue-121 interleaving). */
export type PausePoint = "reclaim:judged-stale" | "reclaim:before-rmdir";

function errno(code: string, message: string): Errno {
  return Object.assign(new Error(message), { code });
}

/** Whether `e` is a system error with one of these codes. */
export const isCode = (e: unknown, ...codes: string[]) => codes.includes((e as Errno)?.code ?? "");

/** A holder that was taken over because it went stale. */
export interface TakeOver {
  holder: HolderRecord | undefined;
  /** Milliseconds since the stale holder last refreshed. */
  staleForMs: number;
}

/**
 * The file system proper-lockfile works through, made safe against the stale-takeover race
 * (moxystudio/node-proper-lockfile#121): with plain mkdir/rmdir, a claimant that judged a lease
 * stale can be delayed before its rmdir, then remove the fresh lease dir another claimant has
 * just created, and both believe they hold it. Here every lease dir is tied to one claim by the
 * holder file inside it, named by the claim's unique token:
 *
 * - "mkdir" publishes a dir that already contains the holder file, by `rename(tmp, lease)`. The
 *   rename fails on a non-empty dir, so a held lease (never empty) cannot be replaced; it does
 *   replace an empty dir, which only exists mid-release or mid-takeover, when the lease is free.
 * - "stat" / "utimes" act on the holder file, not the dir: the lease is as fresh as its holder's
 *   own file, and a holder whose file is gone sees ENOENT on its next refresh (proper-lockfile
 *   then reports the lease compromised instead of refreshing someone else's).
 * - a stale takeover ("rmdir" while not holding) unlinks the stale holder's file BY NAME: only one
 *   claimant can unlink a given name, and a delayed claimant finds it gone (ENOENT) and backs off
 *   instead of removing a fresh lease. The dir is then removed with rmdir, which refuses (ENOTEMPTY)
 *   if someone has meanwhile published a new lease into it.
 * - releasing ("rmdir" while holding) unlinks our own file by name, then the empty dir.
 *
 * Operations are synchronous system calls (microseconds on a local disk) behind proper-lockfile's
 * callback interface; nothing here sleeps.
 */
export class GuardFs {
  held = false;
  /** Set when a release found our holder file already gone: someone took the lease over. */
  lost = false;
  tookOver: TakeOver | undefined;
  private readonly file: string;
  private readonly tmp: string;

  constructor(
    readonly leasePath: string,
    readonly token: string,
    private readonly recordText: string,
    private readonly staleMs: number,
    private readonly pause?: (point: PausePoint) => Promise<void>,
  ) {
    this.file = join(leasePath, holderFileName(token));
    this.tmp = join(dirname(leasePath), `.claim.${basename(leasePath)}.${token}`);
  }

  private done<T>(cb: Callback<T>, fn: () => T): void {
    let value: T;
    try {
      value = fn();
    } catch (e) {
      cb(e as Errno);
      return;
    }
    cb(null, value);
  }

  mkdir = (path: string, cb: Callback): void => {
    if (path !== this.leasePath) return this.done(cb, () => void mkdirSync(path));
    this.done(cb, () => {
      try {
        mkdirSync(this.tmp);
        writeFileSync(join(this.tmp, holderFileName(this.token)), this.recordText, { flag: "wx" });
        renameSync(this.tmp, this.leasePath);
      } catch (e) {
        rmSync(this.tmp, { recursive: true, force: true });
        if (isCode(e, "ENOTEMPTY", "EEXIST")) {
          throw errno("EEXIST", `${this.leasePath} is held`);
        }
        throw e;
      }
      this.held = true;
      return undefined;
    });
  };

  stat = (path: string, cb: Callback<Stats>): void => {
    if (path !== this.leasePath) return this.done(cb, () => statSync(path));
    this.done(cb, () => (this.held ? statSync(this.file) : freshestHolderStat(this.leasePath)));
  };

  utimes = (path: string, atime: Date, mtime: Date, cb: Callback): void => {
    this.done(cb, () => void utimesSync(path === this.leasePath ? this.file : path, atime, mtime));
  };

  rmdir = (path: string, cb: Callback): void => {
    if (path !== this.leasePath) return this.done(cb, () => void rmdirSync(path));
    if (this.held) return this.done(cb, () => this.releaseSync());
    this.reclaim().then(
      () => cb(null),
      (e: Errno) => cb(e),
    );
  };

  /** proper-lockfile's exit handler: release what we hold, never take anything over. */
  rmdirSync = (path: string): void => {
    if (path === this.leasePath) {
      if (this.held) this.releaseSync();
    } else rmdirSync(path);
  };

  realpath = (path: string, cb: Callback<string>): void => cb(null, path);

  private releaseSync(): undefined {
    this.held = false;
    try {
      unlinkSync(this.file);
    } catch (e) {
      if (!isCode(e, "ENOENT")) throw e;
      // Someone took the lease over; the dir (if any) is theirs now.
      this.lost = true;
      return undefined;
    }
    try {
      rmdirSync(this.leasePath);
    } catch (e) {
      // ENOTEMPTY: a claimant published its lease into the emptied dir; it is theirs.
      if (!isCode(e, "ENOENT", "ENOTEMPTY", "EEXIST")) throw e;
    }
    return undefined;
  }

  /** Take over a lease proper-lockfile judged stale, without ever removing a fresh one. */
  private async reclaim(): Promise<void> {
    const busy = () => errno("ELOCKED", `${this.leasePath} is held`);
    let names: string[];
    try {
      names = readdirSync(this.leasePath);
    } catch (e) {
      if (isCode(e, "ENOENT")) return; // gone meanwhile: free
      throw e;
    }
    const holders = names.filter(isHolderFile);
    if (holders.length === 0) {
      if (names.length > 0) {
        throw errno(
          "EFOREIGN",
          `${this.leasePath} holds ${names.join(", ")} but no holder record, so it was not made by hil`,
        );
      }
      try {
        rmdirSync(this.leasePath);
      } catch (e) {
        if (isCode(e, "ENOTEMPTY", "EEXIST")) throw busy();
        if (!isCode(e, "ENOENT")) throw e;
      }
      return;
    }
    const now = Date.now();
    let staleFor = Infinity;
    for (const name of holders) {
      try {
        staleFor = Math.min(staleFor, now - statSync(join(this.leasePath, name)).mtimeMs);
      } catch (e) {
        if (isCode(e, "ENOENT")) throw busy(); // another claimant is taking it over
        throw e;
      }
    }
    if (staleFor <= this.staleMs) throw busy();
    const previous = readHolder(join(this.leasePath, holders[0]!));
    await this.pause?.("reclaim:judged-stale");
    for (const name of holders) {
      try {
        unlinkSync(join(this.leasePath, name));
      } catch (e) {
        // Someone else took this stale holder over first: the lease is theirs.
        if (isCode(e, "ENOENT")) throw busy();
        throw e;
      }
    }
    await this.pause?.("reclaim:before-rmdir");
    try {
      rmdirSync(this.leasePath);
    } catch (e) {
      // A claimant published a fresh lease into the emptied dir: it won.
      if (isCode(e, "ENOTEMPTY", "EEXIST")) throw busy();
      if (!isCode(e, "ENOENT")) throw e;
    }
    this.tookOver = { holder: previous, staleForMs: staleFor };
  }
}

function readHolder(file: string): HolderRecord | undefined {
  try {
    const r = holderRecord.safeParse(JSON.parse(readFileSync(file, "utf8")));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/** Stat of the freshest holder file in a lease dir; the dir's own stat when it has none. */
export function freshestHolderStat(leasePath: string): Stats {
  const holders = readdirSync(leasePath).filter(isHolderFile);
  let best: Stats | undefined;
  for (const name of holders) {
    try {
      const st = statSync(join(leasePath, name));
      if (!best || st.mtimeMs > best.mtimeMs) best = st;
    } catch (e) {
      if (!isCode(e, "ENOENT")) throw e;
    }
  }
  return best ?? statSync(leasePath);
}

export { readHolder };
