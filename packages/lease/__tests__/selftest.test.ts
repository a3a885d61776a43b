import { describe, expect, it } from "vitest";
import { lockSelfTest, measureClaimLatency } from "../src/index";
import { tempSite } from "./helpers";

describe("lockSelfTest", () => {
  it("checks that one slot serializes and two slots do not wait on each other", async () => {
    const r = await lockSelfTest(tempSite());
    expect(r.ok).toBe(true);
    expect(r.checks.map((c) => c.what)).toEqual([
      `claim selftest-${process.pid}-a`,
      "same slot serializes",
      "different slots run at once",
      "released leases are free",
    ]);
  });

  it("fails when the lock dir cannot be used", async () => {
    const r = await lockSelfTest({ lock_dir: "/dev/null/locks", stale_sec: 30 });
    expect(r.ok).toBe(false);
    expect(r.checks[0]!.detail).toMatch(/Cannot create the lock dir/);
  });
});

describe("measureClaimLatency", () => {
  it("reports percentiles of claiming a free slot", async () => {
    const r = await measureClaimLatency(50);
    console.log(
      `lease claim latency (free slot, ${r.samples} claims): p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms, max ${r.maxMs.toFixed(2)} ms`,
    );
    expect(r.samples).toBe(50);
    expect(r.p50Ms).toBeGreaterThan(0);
    expect(r.p50Ms).toBeLessThanOrEqual(r.p99Ms);
    expect(r.p99Ms).toBeLessThanOrEqual(r.maxMs);
  });
});
