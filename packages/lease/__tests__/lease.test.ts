import * as fs from "node:fs";
import { mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import lockfile from "proper-lockfile";
import { describe, expect, it } from "vitest";
import { ConfigurationError, describeError } from "@hil/contracts";
import {
  acquireLease,
  forceRelease,
  holderFileName,
  LEASE_SCHEMA_VERSION,
  LeaseBusyError,
  LeaseLostError,
  leaseStatus,
  newToken,
  type HolderInput,
  type LeaseSite,
} from "../src/index";
import { exited, FIXTURES, nextLine, spawnTs, tempDir, tempSite } from "./helpers";

const SHA = "1a2b3c4d5e6f1a2b3c4d5e6f1a2b3c4d5e6f1a2b";
const holder = (jobId: string, extra: Partial<HolderInput> = {}): HolderInput => ({
  kind: "job",
  jobId,
  runner: "esp32-hut-01",
  commitSha: SHA,
  ...extra,
});

/** A lease dir whose holder died long ago, written by hand. */
function deadLease(site: LeaseSite, slot: string, jobId = "gh-1-1-dead"): string {
  const token = newToken();
  const dir = join(site.lock_dir, `${slot}.lock`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, holderFileName(token));
  writeFileSync(
    file,
    JSON.stringify({
      schema_version: LEASE_SCHEMA_VERSION,
      slot,
      token,
      kind: "job",
      job_id: jobId,
      runner: "esp32-hut-01",
      host: "lab-a",
      pid: 999999,
      since: "2026-01-01T00:00:00Z",
    }),
  );
  const old = new Date(Date.now() - 600_000);
  utimesSync(file, old, old);
  return token;
}

function gate() {
  let parkedResolve!: () => void;
  let open!: () => void;
  const parked = new Promise<void>((r) => (parkedResolve = r));
  const opened = new Promise<void>((r) => (open = r));
  return { parked, open, park: () => (parkedResolve(), opened) };
}

describe("slot lease", () => {
  it("claims a free slot, records its holder, and frees it on release", async () => {
    const site = tempSite();
    const lease = await acquireLease(site, "hut-01", {
      holder: holder("gh-8121934471-1-hil", { jobDir: "/var/lib/hil/jobs/x" }),
    });
    const status = leaseStatus(site, "hut-01");
    expect(status.state).toBe("held");
    expect(status.path).toBe(join(site.lock_dir, "hut-01.lock"));
    expect(status.holder).toMatchObject({
      slot: "hut-01",
      job_id: "gh-8121934471-1-hil",
      runner: "esp32-hut-01",
      host: hostname(),
      pid: process.pid,
      commit_sha: SHA,
      token: lease.token,
      job_dir: "/var/lib/hil/jobs/x",
    });
    expect(lease.env()).toMatchObject({
      HIL_LEASE_TOKEN: lease.token,
      HIL_SLOT: "hut-01",
      HIL_JOB_ID: "gh-8121934471-1-hil",
      HIL_JOB_DIR: "/var/lib/hil/jobs/x",
    });
    expect(await lease.release()).toMatchObject({ released: true });
    expect(leaseStatus(site, "hut-01").state).toBe("free");
    expect(readdirSync(site.lock_dir)).toEqual([]); // no claim leftovers
    expect(await lease.release()).toMatchObject({ released: false }); // idempotent
  });

  it("serializes one slot and names the holder; different slots run at once", async () => {
    const site = tempSite();
    const first = await acquireLease(site, "hut-01", { holder: holder("gh-100-1-hil") });
    let waited: string | undefined;
    const second = acquireLease(site, "hut-01", {
      holder: holder("gl-7"),
      waitSec: 0.3,
      onWait: (s) => (waited = s.holder?.job_id),
    });
    await expect(second).rejects.toBeInstanceOf(LeaseBusyError);
    const msg = describeError(await second.catch((e: unknown) => e));
    expect(waited).toBe("gh-100-1-hil");
    expect(msg).toContain("Slot hut-01 is busy: held by job gh-100-1-hil");
    expect(msg).toContain(`runner esp32-hut-01 on ${hostname()}, pid ${process.pid}`);
    expect(msg).toContain(`since ${first.record.since}`);
    expect(msg).toContain(`for commit ${SHA.slice(0, 12)}`);
    expect(msg).toContain("hil slots");

    // Another slot is not blocked by hut-01 (no wait allowed at all).
    const other = await acquireLease(site, "hut-02", { holder: holder("gl-7"), waitSec: 0 });
    expect(leaseStatus(site, "hut-02").holder?.job_id).toBe("gl-7");

    // A waiter gets hut-01 as soon as it is released.
    const waiting = acquireLease(site, "hut-01", { holder: holder("gl-8"), waitSec: 30 });
    await new Promise((r) => setTimeout(r, 50));
    await first.release();
    const third = await waiting;
    expect(leaseStatus(site, "hut-01").holder?.token).toBe(third.token);
    await third.release();
    await other.release();
  });

  it("issue 121 is real: plain proper-lockfile lets a delayed stale-remover double-hold", async () => {
    // Documents why GuardFs exists: the same interleaving as the next test, without the guard.
    const dir = tempDir();
    const L = join(dir, "hut-01.lock");
    mkdirSync(L);
    const old = new Date(Date.now() - 60_000);
    utimesSync(L, old, old);
    const g = gate();
    const slowFs = {
      ...fs,
      rmdir: (p: string, cb: (e: Error | null) => void) =>
        void g.park().then(() => fs.rmdir(p, cb)),
    };
    const opts = { lockfilePath: L, realpath: false, stale: 2000, onCompromised: () => {} };
    const a = lockfile.lock(join(dir, "a"), { ...opts, fs: slowFs });
    await g.parked; // A judged the lock stale and is about to rmdir it
    const releaseB = await lockfile.lock(join(dir, "b"), opts); // B reclaims it and holds it
    g.open();
    const releaseA = await a; // A removes B's fresh lock and takes it as well
    expect(typeof releaseA).toBe("function");
    expect(typeof releaseB).toBe("function"); // two holders at once
    await releaseA().catch(() => {});
    await releaseB().catch(() => {});
  });

  it.each(["reclaim:judged-stale", "reclaim:before-rmdir"] as const)(
    "the guard keeps a single holder when a stale takeover is delayed at %s",
    async (point) => {
      const site = tempSite();
      deadLease(site, "hut-01");
      const g = gate();
      const a = acquireLease(site, "hut-01", {
        holder: holder("gh-1-1-slow"),
        pause: async (p) => {
          if (p === point) await g.park();
        },
      });
      await g.parked;
      const b = await acquireLease(site, "hut-01", { holder: holder("gh-2-1-fast") });
      expect(b.tookOver?.holder?.job_id ?? "gh-1-1-dead").toBe("gh-1-1-dead");
      g.open();
      const err = await a.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(LeaseBusyError);
      expect((err as LeaseBusyError).holder?.token).toBe(b.token);
      expect(leaseStatus(site, "hut-01").holder?.token).toBe(b.token);
      expect(readdirSync(b.path)).toEqual([holderFileName(b.token)]);
      await b.release();
      expect(leaseStatus(site, "hut-01").state).toBe("free");
    },
  );

  it("takes over a SIGKILLed holder's lease once it is stale, not before", async () => {
    const site = tempSite(4);
    const child = spawnTs(join(FIXTURES, "hold.ts"), [site.lock_dir, "4", "hut-01", "gh-5-1-hil"]);
    const record = JSON.parse(await nextLine(child.lines, "the holder record")) as {
      pid: number;
    };
    child.kill("SIGKILL");
    await exited(child);
    const killedAt = Date.now();
    // SIGKILL runs no exit handler: the lease is still there, fresh, and refused.
    const status = leaseStatus(site, "hut-01");
    expect(status.holder?.pid).toBe(record.pid);
    expect(status.state).toBe("held");
    await expect(acquireLease(site, "hut-01", { holder: holder("gl-9") })).rejects.toThrow(
      /held by job gh-5-1-hil/,
    );
    const lease = await acquireLease(site, "hut-01", { holder: holder("gl-9"), waitSec: 30 });
    console.log(
      `SIGKILLed holder: lease taken over ${Date.now() - killedAt} ms after the kill (stale window 4000 ms)`,
    );
    expect(lease.tookOver?.holder?.job_id).toBe("gh-5-1-hil");
    expect(lease.tookOver!.staleForMs).toBeGreaterThan(4000);
    await lease.release();
  });

  it("reports a holder that was paused past the stale window and taken over, without crashing", async () => {
    const site = tempSite(2);
    const child = spawnTs(join(FIXTURES, "hold.ts"), [site.lock_dir, "2", "hut-01", "gh-6-1-hil"]);
    await nextLine(child.lines, "the holder record");
    child.kill("SIGSTOP");
    const thief = await acquireLease(site, "hut-01", { holder: holder("gl-10"), waitSec: 30 });
    expect(thief.tookOver?.holder?.job_id).toBe("gh-6-1-hil");
    child.kill("SIGCONT");
    const line = JSON.parse(await nextLine(child.lines, "the compromised report")) as {
      event: string;
      message: string;
    };
    expect(line.event).toBe("compromised");
    expect(line.message).toMatch(/The lease on slot hut-01 was lost: its holder record is gone/);
    expect(child.exitCode).toBeNull(); // still running: nothing was thrown from the timer
    expect(leaseStatus(site, "hut-01").holder?.token).toBe(thief.token);
    child.kill("SIGKILL");
    await exited(child);
    await thief.release();
  });

  it("aborts the lease's signal when its record is removed by hand", async () => {
    const site = tempSite(2);
    let reported: LeaseLostError | undefined;
    const lease = await acquireLease(site, "hut-01", {
      holder: holder("gh-7-1-hil"),
      onCompromised: (e) => (reported = e),
    });
    rmSync(lease.path, { recursive: true });
    await new Promise<void>((resolve) => lease.signal.addEventListener("abort", () => resolve()));
    expect(lease.signal.reason).toBeInstanceOf(LeaseLostError);
    expect(reported).toBe(lease.signal.reason);
    expect(() => lease.assertHeld()).toThrow(/lease on slot hut-01 was lost/);
    expect(await lease.release()).toMatchObject({ released: false });
    const next = await acquireLease(site, "hut-01", { holder: holder("gl-11") });
    await next.release();
  });

  it("force-releases only the claim its token names", async () => {
    const site = tempSite();
    const lease = await acquireLease(site, "hut-01", { holder: holder("gh-8-1-hil") });
    expect(forceRelease(site, "hut-01", newToken())).toBe(false);
    expect(leaseStatus(site, "hut-01").state).toBe("held");
    expect(forceRelease(site, "hut-01", lease.token)).toBe(true);
    expect(leaseStatus(site, "hut-01").state).toBe("free");
    expect(await lease.release()).toMatchObject({ released: false });
  });

  it("creates a missing lock dir, and says what to do when it cannot", async () => {
    const root = tempDir();
    const site = { lock_dir: join(root, "a", "b"), stale_sec: 30 };
    const lease = await acquireLease(site, "hut-01", { holder: holder("gl-1") });
    await lease.release();
    writeFileSync(join(root, "file"), "");
    const bad = { lock_dir: join(root, "file", "locks"), stale_sec: 30 };
    const err = await acquireLease(bad, "hut-01", { holder: holder("gl-1") }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(describeError(err)).toMatch(/Cannot create the lock dir .*file\/locks[\s\S]*hil doctor/);
  });

  it("refuses to take over a dir it did not make", async () => {
    const site = tempSite();
    mkdirSync(join(site.lock_dir, "hut-01.lock"), { recursive: true });
    writeFileSync(join(site.lock_dir, "hut-01.lock", "pid"), "1");
    const old = new Date(Date.now() - 600_000);
    utimesSync(join(site.lock_dir, "hut-01.lock"), old, old);
    const err = await acquireLease(site, "hut-01", { holder: holder("gl-1") }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(describeError(err)).toMatch(/no holder record[\s\S]*rm -r/);
  });
});
