import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LeaseBusyError } from "./errors";
import { acquireLease, leaseStatus, type HolderInput, type Lease } from "./lease";
import type { LeaseSite } from "./record";

const probeHolder = (what: string): HolderInput => ({
  kind: "step",
  jobId: `selftest-${process.pid}`,
  runner: what,
});

export interface SelfTestResult {
  ok: boolean;
  /** One line per property checked. */
  checks: { what: string; ok: boolean; detail?: string }[];
}

/**
 * The lock self-test the lab asked for, on the real lock dir (hil doctor runs it): a second claim
 * of a held slot is refused naming the holder, another slot is claimed at once meanwhile, and
 * both come free on release. Uses throw-away slot ids `selftest-<pid>-a|b`.
 */
export async function lockSelfTest(site: LeaseSite): Promise<SelfTestResult> {
  const a = `selftest-${process.pid}-a`;
  const b = `selftest-${process.pid}-b`;
  const checks: SelfTestResult["checks"] = [];
  const held: Lease[] = [];
  try {
    held.push(await acquireLease(site, a, { holder: probeHolder("doctor") }));
    checks.push({ what: `claim ${a}`, ok: true });
    try {
      held.push(await acquireLease(site, a, { holder: probeHolder("doctor (second)") }));
      checks.push({ what: "same slot serializes", ok: false, detail: "a second claim got it too" });
    } catch (e) {
      const named = e instanceof LeaseBusyError && e.holder?.token === held[0]!.token;
      checks.push({
        what: "same slot serializes",
        ok: named,
        ...(named ? {} : { detail: `unexpected: ${(e as Error).message}` }),
      });
    }
    held.push(await acquireLease(site, b, { holder: probeHolder("doctor") }));
    checks.push({ what: "different slots run at once", ok: true });
  } catch (e) {
    checks.push({ what: "claim", ok: false, detail: (e as Error).message });
  } finally {
    for (const l of held) await l.release();
  }
  const free = [a, b].every((s) => leaseStatus(site, s).state === "free");
  checks.push({ what: "released leases are free", ok: free });
  return { ok: checks.every((c) => c.ok), checks };
}

export interface ClaimLatency {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

/**
 * Latency of claiming a free slot (acquire only; the release between samples is not timed),
 * for `npm run bench` (target p99 <= 50 ms). Measures in `lockDir` (default: a temp dir; pass
 * the real lock dir to measure it, e.g. over NFS).
 */
export async function measureClaimLatency(
  n = 200,
  opts: { lockDir?: string; staleSec?: number } = {},
): Promise<ClaimLatency> {
  const tmp = opts.lockDir ? undefined : mkdtempSync(join(tmpdir(), "hil-bench-lease-"));
  const site: LeaseSite = { lock_dir: opts.lockDir ?? tmp!, stale_sec: opts.staleSec ?? 30 };
  const slot = `bench-${process.pid}`;
  const ms: number[] = [];
  try {
    for (let i = -5; i < n; i++) {
      const t = performance.now();
      const lease = await acquireLease(site, slot, { holder: probeHolder("bench") });
      const dt = performance.now() - t;
      await lease.release();
      if (i >= 0) ms.push(dt); // the first few warm the module and fs caches
    }
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
  ms.sort((x, y) => x - y);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)]!;
  return {
    samples: ms.length,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: ms[ms.length - 1]!,
    meanMs: ms.reduce((s, x) => s + x, 0) / ms.length,
  };
}
