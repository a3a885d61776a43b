import { describe, expect, it } from "vitest";
import { measureFlashEfficiency, measureParallel, measureReflash } from "../src/bench";

/**
 * The bench's measurements run (small sizes here; `npm run bench` uses 1 MiB at 921600).
 * No timing targets are asserted, only what the line model guarantees: nothing beats the line.
 */
describe("bench measurements", () => {
  it("flash efficiency: figures that add up, never faster than the line", async () => {
    const r = await measureFlashEfficiency({ appSize: 192 * 1024, baud: 460800 });
    expect(r).toMatchObject({ baud: 460800, appSize: 192 * 1024 });
    expect(r.bytesWritten).toBeGreaterThanOrEqual(192 * 1024);
    expect(r.compressedBytes).toBeGreaterThan(0);
    expect(r.compressedBytes).toBeLessThan(r.bytesWritten);
    expect(r.crossedBytes).toBeGreaterThan(r.compressedBytes);
    expect(r.lineLimitSeconds).toBeCloseTo((r.compressedBytes * 10) / 460800, 6);
    expect(r.efficiency).toBeGreaterThan(0);
    expect(r.efficiency).toBeLessThan(1);
    expect(r.totalSeconds).toBeGreaterThan(r.seconds);
  });

  it("reflash: an unchanged bundle and a one-sector change, against a full flash", async () => {
    const r = await measureReflash({ appSize: 128 * 1024 });
    expect(r.unchangedRatio).toBeCloseTo(r.unchangedSeconds / r.fullSeconds, 9);
    expect(r.oneSectorRatio).toBeCloseTo(r.oneSectorSeconds / r.fullSeconds, 9);
    // Line traffic, which does not depend on the machine's load: almost nothing when unchanged.
    expect(r.unchangedCrossed).toBeLessThan(0.02 * r.fullCrossed);
    expect(r.oneSectorCrossed).toBeLessThan(r.fullCrossed);
  });

  it("parallel: n boards at once against one alone", async () => {
    const r = await measureParallel(2, { appSize: 96 * 1024 });
    expect(r.n).toBe(2);
    expect(r.ratio).toBeCloseTo(r.parallelSeconds / r.singleSeconds, 9);
    expect(r.parallelSeconds).toBeGreaterThan(0);
  });
});
