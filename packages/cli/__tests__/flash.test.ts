import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { FlashLab, JOB_SHA } from "../../flasher/__tests__/lab";
import { main } from "../src/program";

describe("hil flash", () => {
  let lab: FlashLab;
  let out: string;
  let err: string;

  beforeAll(async () => {
    lab = await FlashLab.start({ slots: 1 });
  });
  afterAll(async () => {
    await lab?.close();
  });
  afterEach(() => vi.restoreAllMocks());

  const capture = () => {
    out = "";
    err = "";
    vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
    vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  };

  it("flashes a bundle directory to a slot and prints the result as JSON", async () => {
    const b = await lab.bundle({ appSize: 96 * 1024 });
    capture();
    const code = await main([
      "flash",
      b.dir,
      "--slot",
      "hut-01",
      "--inventory",
      lab.inventoryFile,
      "--sha",
      JOB_SHA,
      "--json",
    ]);
    expect(code, err).toBe(0);
    const r = JSON.parse(out) as { slot: string; sectorsWritten: number; board: { mac: string } };
    expect(r.slot).toBe("hut-01");
    expect(r.sectorsWritten).toBeGreaterThan(20);
    expect(r.board.mac).toBe(lab.board().mac);
    expect(err).toMatch(/^Writing: 100% /m);
    expect(lab.holds(b.dir)).toBe(true);

    // Without a commit to check against, it says so and still flashes (nothing left to write).
    capture();
    const again = await main([
      "flash",
      b.dir,
      "--slot",
      "hut-01",
      "--inventory",
      lab.inventoryFile,
    ]);
    expect(again, err).toBe(0);
    expect(err).toContain("No commit SHA given");
    expect(out).toContain("unchanged on the board, skipped");
  });

  it("refuses a bad --baud and a bundle from another commit, with what to do", async () => {
    const b = await lab.bundle({ appSize: 80 * 1024 });
    capture();
    const args = ["flash", b.dir, "--slot", "hut-01", "--inventory", lab.inventoryFile];
    expect(await main([...args, "--baud", "fast"])).toBe(1);
    expect(err).toContain('hil: --baud: expected a baud rate from 9600 to 5000000, got "fast".');
    capture();
    expect(await main([...args, "--sha", "1".repeat(40)])).toBe(1);
    expect(err).toContain(`SHA mismatch: bundle ${b.dir} was built from commit ${JOB_SHA}`);
  });
});
