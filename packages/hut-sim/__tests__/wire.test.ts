import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { lineTimeMs, Wire } from "../src/wire";

describe("Wire (line-rate pacing)", () => {
  it("schedules by absolute time: back-to-back chunks end at start + total line time", () => {
    let now = 1000;
    const wire = new Wire(
      () => undefined,
      2,
      () => now,
    );
    // 115200 baud: 11.52 bytes per ms.
    const first = wire.send(Buffer.alloc(1152), 115200);
    expect(first).toBeCloseTo(1000 + 100, 6);
    now = 1010; // the sender hands over more while the line is still busy
    const second = wire.send(Buffer.alloc(1152), 115200);
    expect(second).toBeCloseTo(1000 + 200, 6);
    now = 5000; // idle line: the next chunk starts now, not at the old free time
    expect(wire.send(Buffer.alloc(10), 1000)).toBeCloseTo(5000 + 100, 6);
    wire.clear();
  });

  it("uses 10 bits per byte", () => {
    expect(lineTimeMs(92160, 921600)).toBeCloseTo(1000, 9);
    expect(lineTimeMs(1, 115200)).toBeCloseTo(10 / 115.2, 9);
  });

  it("delivers every byte, in order, and never before its line time", async () => {
    const got: Buffer[] = [];
    const times: number[] = [];
    const wire = new Wire((b) => {
      got.push(b);
      times.push(performance.now());
    });
    const data = Buffer.from(Array.from({ length: 3000 }, (_, i) => i & 0xff));
    const start = performance.now();
    const due = wire.send(data.subarray(0, 1000), 115200);
    wire.send(data.subarray(1000), 115200);
    await wire.drained();
    expect(Buffer.concat(got).equals(data)).toBe(true);
    expect(wire.stats).toEqual({ sent: 3000, delivered: 3000 });
    // The whole transfer cannot have been faster than the line allows.
    expect(times.at(-1)! - start).toBeGreaterThanOrEqual(lineTimeMs(3000, 115200) - 0.01);
    expect(due - start).toBeGreaterThanOrEqual(lineTimeMs(1000, 115200) - 0.01);
    // Slices arrive as a stream, not as one burst at the end.
    expect(got.length).toBeGreaterThan(3);
  });

  it("clear() drops what is still on the line and releases drain waiters", async () => {
    const got: Buffer[] = [];
    const wire = new Wire((b) => got.push(b));
    wire.send(Buffer.alloc(5000), 9600);
    expect(wire.pending).toBe(5000);
    const drained = wire.drained();
    wire.clear();
    await drained;
    expect(wire.pending).toBe(0);
    await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual([]);
  });
});
