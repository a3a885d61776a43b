import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { ConfigurationError, type PowerCycleResult, type RecoveryEvent } from "@hil/contracts";
import { describe, expect, it } from "vitest";
import { BoardSilentError, BoardUnreachableError, ImageError } from "../src/errors";
import { checkFits, loadImages } from "../src/images";
import { climbLadder, recoveryRungs } from "../src/ladder";
import type { Flasher, LoaderSession } from "../src/protocol";

/** A flasher whose board answers on the n-th attempt (never when n is 0). */
function flakyFlasher(answersOn: number, o: { hardReset?: boolean } = {}) {
  const calls: string[] = [];
  let attempts = 0;
  const flasher: Flasher = {
    port: "/dev/ttyUSB7",
    resetDescription: "the classic DTR/RTS reset",
    connect: async () => {
      attempts++;
      calls.push(`connect ${attempts}`);
      if (attempts !== answersOn) throw new BoardSilentError("/dev/ttyUSB7", "no SYNC reply");
      return { board: { port: "/dev/ttyUSB7" } } as unknown as LoaderSession;
    },
    ...(o.hardReset === false ? {} : { hardReset: async () => void calls.push("hard reset") }),
  };
  return { flasher, calls };
}

const powerResult = (result: PowerCycleResult["result"]): PowerCycleResult => ({
  result,
  slot: "hut-07",
  entity: "switch.hut_07_power",
  attempts: 1,
  ...(result === "ok" ? {} : { error: "Home Assistant answered 401" }),
  started_utc: "2026-11-21T10:00:00Z",
  ended_utc: "2026-11-21T10:00:04Z",
  timings: { total_ms: 4000 },
});

const ladderOf = (flasher: Flasher, power?: (reason: string) => Promise<PowerCycleResult>) => ({
  step: "hil-flash",
  rungs: recoveryRungs(flasher, power),
  subject: "the board on /dev/ttyUSB7 (slot hut-07)",
  hint: "Check the cable.",
});

describe("the recovery ladder", () => {
  it("does nothing when the board answers at once", async () => {
    const { flasher, calls } = flakyFlasher(1);
    const r = await climbLadder(() => flasher.connect(), ladderOf(flasher));
    expect(r.events).toEqual([]);
    expect(calls).toEqual(["connect 1"]);
  });

  it("climbs retry → hard reset → power cycle, one event per rung, and stops when the board answers", async () => {
    const { flasher, calls } = flakyFlasher(4);
    const reasons: string[] = [];
    const seen: RecoveryEvent[] = [];
    const r = await climbLadder(() => flasher.connect(), {
      ...ladderOf(flasher, async (reason) => {
        reasons.push(reason);
        calls.push("power cycle");
        return powerResult("ok");
      }),
      onEvent: (e) => seen.push(e),
    });
    expect(calls).toEqual([
      "connect 1",
      "connect 2",
      "hard reset",
      "connect 3",
      "power cycle",
      "connect 4",
    ]);
    expect(r.events.map((e) => [e.action, e.result])).toEqual([
      ["retry", "failed"],
      ["hard_reset", "failed"],
      ["power_cycle", "ok"],
    ]);
    expect(r.events[2]!.detail).toBe("power cycled in 4.0 s; the board answered");
    expect(r.events.every((e) => e.step === "hil-flash")).toBe(true);
    expect(seen).toEqual(r.events);
    expect(reasons).toEqual([
      "the board on /dev/ttyUSB7 (slot hut-07) did not answer in download mode (no SYNC reply)",
    ]);
  });

  it("gives up after the last rung with what was tried, the hint and the events", async () => {
    const { flasher } = flakyFlasher(0);
    const e = await climbLadder(
      () => flasher.connect(),
      ladderOf(flasher, async () => powerResult("ha_error")),
    ).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BoardUnreachableError);
    const err = e as BoardUnreachableError;
    expect(err.message).toBe(
      "The board on /dev/ttyUSB7 (slot hut-07) did not answer in download mode. Tried: connecting (no SYNC reply); a retry with the classic DTR/RTS reset (no SYNC reply); a hard reset (EN pulsed through RTS) (no SYNC reply); a power cycle: ha_error (Home Assistant answered 401).",
    );
    expect(err.hint).toBe("Check the cable.");
    // A failed power cycle is its own result, and the board is not asked again after it.
    expect(err.events.map((x) => [x.action, x.result])).toEqual([
      ["retry", "failed"],
      ["hard_reset", "failed"],
      ["power_cycle", "ha_error"],
    ]);
  });

  it("has only the rungs the slot allows: no hard reset without RTS, no power cycle without power", async () => {
    const { flasher, calls } = flakyFlasher(0, { hardReset: false });
    expect(recoveryRungs(flasher).map((r) => r.action)).toEqual(["retry"]);
    await expect(climbLadder(() => flasher.connect(), ladderOf(flasher))).rejects.toThrow(
      /Tried: connecting \(no SYNC reply\); a retry with the classic DTR\/RTS reset \(no SYNC reply\)\.$/,
    );
    expect(calls).toEqual(["connect 1", "connect 2"]);
  });

  it("does not climb for errors a reset cannot fix", async () => {
    let n = 0;
    const flasher: Flasher = {
      port: "/dev/ttyUSB7",
      resetDescription: "x",
      connect: async () => {
        n++;
        throw new ConfigurationError("No serial port at /dev/ttyUSB7.");
      },
      hardReset: async () => undefined,
    };
    await expect(climbLadder(() => flasher.connect(), ladderOf(flasher))).rejects.toThrow(
      "No serial port at /dev/ttyUSB7.",
    );
    expect(n).toBe(1);
  });
});

describe("images", () => {
  const dir = mkdtempSync(join(tmpdir(), "images-"));
  const file = (name: string, bytes: Buffer) => {
    writeFileSync(join(dir, name), bytes);
    return {
      file: name,
      path: join(dir, name),
      size: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    };
  };
  const manifest = { flash: { mode: "dio", freq: "40m", size: "4MB" } } as const;

  it("are read, checked against the manifest again and padded to sectors", async () => {
    const boot = file("boot.bin", Buffer.alloc(5000, 1));
    const app = file("app.bin", Buffer.alloc(9000, 2));
    const images = await loadImages(
      [
        { ...app, offset: 0x10000 },
        { ...boot, offset: 0x1000 },
      ],
      manifest,
    );
    expect(images.map((i) => [i.file, i.offset, i.sectors, i.data.length])).toEqual([
      ["boot.bin", 0x1000, 2, 8192],
      ["app.bin", 0x10000, 3, 12288],
    ]);
  });

  it("refuse a file that changed since the bundle was verified", async () => {
    const app = file("changed.bin", Buffer.alloc(100, 3));
    writeFileSync(app.path, Buffer.alloc(100, 4));
    await expect(loadImages([{ ...app, offset: 0x10000 }], manifest, "bundle X")).rejects.toThrow(
      /^changed\.bin of bundle X does not match its manifest: 100 bytes with sha256 [0-9a-f]{64}, the manifest says 100 bytes with sha256 [0-9a-f]{64}\. Nothing was written\.$/,
    );
  });

  it("refuse overlapping images and images past the flash's end", async () => {
    const a = file("a.bin", Buffer.alloc(0x2000, 5));
    const b = file("b.bin", Buffer.alloc(0x1000, 6));
    const err = await loadImages(
      [
        { ...a, offset: 0x1000 },
        { ...b, offset: 0x2000 },
      ],
      manifest,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImageError);
    expect((err as Error).message).toBe(
      "b.bin (at 0x2000) overlaps a.bin (0x1000..0x3000) in the bundle. Nothing was written.",
    );
    const images = await loadImages([{ ...a, offset: 0x3ff000 }], {
      flash: { mode: "dio", freq: "40m", size: "keep" },
    });
    expect(() => checkFits(images, 4 * 1024 * 1024, "the board's 4.00 MiB flash")).toThrow(
      "The bundle does not fit the board's 4.00 MiB flash: a.bin ends at 0x401000, past the flash's end at 0x400000 (4 MiB). Nothing was written.",
    );
    await expect(loadImages([{ ...a, offset: 0x3ff000 }], manifest)).rejects.toThrow(
      "does not fit the 4MB flash the manifest declares",
    );
  });
});
