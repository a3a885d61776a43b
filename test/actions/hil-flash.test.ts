import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, rmSync } from "node:fs";
import { BundleCache, GitHubSource, verifyBundle } from "@hil/bundle";
import type { JournalEntry } from "@hil/contracts";
import { FlashLab, JOB_ID, JOB_SHA } from "../../packages/flasher/__tests__/lab";
import { runAction, type ActionRun, type RunOptions } from "../helpers/run-action";

/**
 * The bundled hil-flash action (dist/index.js on Node 24, as the runner runs it) against
 * simulated boards: over RFC 2217 with the classic reset, and over a pty with reset: none.
 * The assertions are on outputs, the journal and what the simulated flash holds and what
 * crossed its line, never on time.
 */
const SECTOR = 4096;
const sectorsOf = (bytes: Buffer) => Math.ceil(bytes.length / SECTOR);

function flash(
  lab: FlashLab,
  bundle: string,
  slot = "hut-01",
  inputs: Record<string, string> = {},
) {
  return flashRun({
    inputs: { bundle, ...inputs },
    env: lab.env(slot),
    timeoutMs: 180_000,
  });
}

function ok(run: ActionRun): ActionRun {
  if (run.exitCode !== 0) throw new Error(`hil-flash failed:\n${run.stdout}\n${run.stderr}`);
  return run;
}

/** Run the bundled action; its temp dir (outputs, summary: already read) is removed. */
async function flashRun(o: RunOptions): Promise<ActionRun> {
  const run = await runAction("hil-flash", o);
  rmSync(run.dir, { recursive: true, force: true });
  return run;
}

const byType = <T extends JournalEntry["type"]>(entries: JournalEntry[], type: T) =>
  entries.filter((e): e is Extract<JournalEntry, { type: T }> => e.type === type);

describe("hil-flash over RFC 2217 (classic reset)", () => {
  let lab: FlashLab;
  let first: Awaited<ReturnType<FlashLab["bundle"]>>;
  let totalSectors: number;
  let fullRx = 0;

  beforeAll(async () => {
    lab = await FlashLab.start();
    first = await lab.bundle({ appSize: 192 * 1024 });
    totalSectors = first.images.reduce((n, i) => n + sectorsOf(i.data), 0);
  });
  afterAll(async () => {
    await lab?.close();
  });

  it("flashes a bundle compressed and verified, logs progress every 10 %, reports and journals it", async () => {
    const board = lab.board();
    const rx0 = board.lineStats.rxBytes;
    const run = ok(await flash(lab, first.dir));
    fullRx = board.lineStats.rxBytes - rx0;

    expect(lab.holds(first.dir)).toBe(true);
    const o = run.outputs;
    expect(o.chip).toBe("esp32");
    expect(o.mac).toBe(board.mac);
    expect(o.port).toBe(lab.endpoint().rfc2217);
    expect(Number(o["sectors-written"])).toBe(totalSectors);
    expect(Number(o["sectors-skipped"])).toBe(0);
    expect(Number(o["bytes-written"])).toBe(totalSectors * SECTOR);
    const compressed = Number(o["compressed-bytes"]);
    expect(compressed).toBeGreaterThan(0);
    expect(compressed).toBeLessThan(0.75 * totalSectors * SECTOR);
    // What crossed the line to the board: the compressed data plus framing, the stub, commands.
    expect(fullRx).toBeGreaterThan(compressed);
    expect(Number(o.seconds)).toBeGreaterThan(0);
    expect(JSON.parse(o["recovery-events"]!)).toEqual([]);

    // Progress as plain lines, each at least 10 % further; then the figures line.
    const pcts = [...run.stdout.matchAll(/^Writing: (\d+)% \((\d+) of (\d+) bytes/gm)].map((m) =>
      Number(m[1]),
    );
    expect(pcts.length).toBeGreaterThanOrEqual(5);
    expect(pcts[pcts.length - 1]).toBe(100);
    for (let i = 1; i < pcts.length; i++) expect(pcts[i]! - pcts[i - 1]!).toBeGreaterThanOrEqual(1);
    expect(new Set(pcts.map((p) => Math.floor(p / 10))).size).toBe(pcts.length);
    expect(run.stdout).not.toContain("\r");
    expect(run.stdout).toMatch(
      new RegExp(
        `^Wrote ${totalSectors * SECTOR} bytes \\(${compressed} compressed\\) in [\\d.]+ s at 921600 baud, effective [\\d.]+ kbit/s`,
        "m",
      ),
    );
    expect(run.stdout).toContain("Verified: the MD5 of every written image matches.");
    expect(run.summary).toContain("### ✅ hil-flash on hut-01");
    expect(run.summary).toMatch(/\| `hil_test_app\.bin` \| 0x10000 \|/);

    const j = lab.takeJournal();
    expect(byType(j, "board")).toEqual([
      expect.objectContaining({ chip: "esp32", mac: board.mac, port: o.port, step: "hil-flash" }),
    ]);
    expect(byType(j, "flash")).toEqual([
      expect.objectContaining({
        bytes: totalSectors * SECTOR,
        compressed_bytes: compressed,
        sectors_written: totalSectors,
        sectors_skipped: 0,
      }),
    ]);
    const steps = byType(j, "step");
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ status: "success", exit_code: 0 });
    expect(steps[0]!.summary).toContain(`Flashed ${JOB_SHA.slice(0, 12)} to hut-01`);
    // The board was reset into the new app, which runs its console script.
    await waitFor(() => board.mode === "app" || board.mode === "idle");
  });

  it("skips every sector when the board already holds the bundle, at a fraction of the line traffic", async () => {
    const board = lab.board();
    const rx0 = board.lineStats.rxBytes;
    const run = ok(await flash(lab, first.dir));
    const rx = board.lineStats.rxBytes - rx0;
    expect(run.outputs["sectors-written"]).toBe("0");
    expect(Number(run.outputs["sectors-skipped"])).toBe(totalSectors);
    expect(run.outputs["bytes-written"]).toBe("0");
    expect(run.outputs["compressed-bytes"]).toBe("0");
    expect(rx).toBeLessThan(0.05 * fullRx);
    expect(run.stdout).toContain("hil_test_app.bin at 0x10000: unchanged on the board, skipped");
    expect(run.stdout).not.toContain("Writing:");
    expect(run.stdout).toMatch(
      /^Nothing to write: the board already holds every image \(3 MD5 checks\); [\d.]+ s in all\.$/m,
    );
    expect(lab.holds(first.dir)).toBe(true);
    const j = lab.takeJournal();
    expect(byType(j, "flash")[0]).toMatchObject({
      sectors_written: 0,
      sectors_skipped: totalSectors,
    });
    expect(byType(j, "step")[0]!.summary).toContain("already on the board");
  });

  it("writes only the one sector that changed", async () => {
    const changed = lab.variant(first.dir, { app: (b) => (b[0x9123] = b[0x9123]! ^ 0x5a) });
    const board = lab.board();
    const rx0 = board.lineStats.rxBytes;
    const run = ok(await flash(lab, changed));
    const rx = board.lineStats.rxBytes - rx0;
    expect(run.outputs["sectors-written"]).toBe("1");
    expect(Number(run.outputs["sectors-skipped"])).toBe(totalSectors - 1);
    expect(run.outputs["bytes-written"]).toBe(String(SECTOR));
    expect(Number(run.outputs["compressed-bytes"])).toBeLessThanOrEqual(SECTOR + 64);
    expect(run.stdout).toContain("Writing hil_test_app.bin: 4.0 KiB at 0x19000 (1 sector,");
    expect(lab.holds(changed)).toBe(true);
    // The stub and the search cross the line, the rest of the image does not.
    expect(rx).toBeLessThan(0.2 * fullRx);
    lab.takeJournal();
  });
  it("without a bundle input, flashes the job's bundle from the host cache (as the job-started hook left it)", async () => {
    // What the hook did: fetch fw-<sha> from GitHub into the host cache under the source's identity.
    const inv = lab.writeInventory();
    const cache = new BundleCache({ dir: inv.cache_dir! });
    await cache.init();
    const source = new GitHubSource({
      token: "ghs_only-for-the-identity",
      repository: "acme/thermostat-fw",
      apiUrl: "http://127.0.0.1:9",
    });
    // install() moves the directory into the store: give it a copy.
    const copy = `${first.dir}-download`;
    cpSync(first.dir, copy, { recursive: true });
    const stored = await cache.install(await verifyBundle(copy, { sha: JOB_SHA }), {
      holder: JOB_ID,
      source: source.describe(JOB_SHA),
    });
    await cache.remember(await source.identity(JOB_SHA), stored.digest);

    const run = ok(
      await flashRun({
        inputs: { "github-token": "ghs_only-for-the-identity" },
        env: lab.env("hut-01"),
        timeoutMs: 180_000,
      }),
    );
    expect(run.stdout).toContain(
      `Using cached bundle ${stored.digest.slice(0, 12)} for ${JOB_SHA}`,
    );
    expect(run.stdout).toMatch(
      /\(GitHub artifact "fw-9fceb02d0ae598e95dc970b74767f19372d61af8" in acme\/thermostat-fw, from the host cache\)/,
    );
    const leaks = run.stdout.split("\n").filter((l) => l.includes("ghs_only-for-the-identity"));
    expect(leaks.every((l) => l.startsWith("::add-mask::"))).toBe(true);
    // The board held the one-sector variant: that sector goes back.
    expect(run.outputs["sectors-written"]).toBe("1");
    expect(lab.holds(first.dir)).toBe(true);
    // The step's pin is released; the hook's stays until the job ends.
    const entry = (await cache.entries()).find((e) => e.digest === stored.digest)!;
    expect(entry.pins).toEqual([JOB_ID]);
    lab.takeJournal();
  });
});

describe("hil-flash over a pty (reset: none)", () => {
  let lab: FlashLab;

  beforeAll(async () => {
    lab = await FlashLab.start({ slots: 1 });
    lab.writeInventory(lab.ptySlot("hut-01"));
  });
  afterAll(async () => {
    await lab?.close();
  });

  it("flashes a board held in download mode, verifies it and leaves it in the stub; again skips it all", async () => {
    const b = await lab.bundle({ appSize: 128 * 1024 });
    const run = ok(await flash(lab, b.dir));
    expect(lab.holds(b.dir)).toBe(true);
    expect(run.outputs.port).toBe(lab.endpoint().pty);
    expect(run.outputs.chip).toBe("esp32");
    expect(Number(run.outputs["sectors-written"])).toBeGreaterThan(30);
    expect(run.stdout).toContain("reset: none: the board stays in the flasher stub");
    expect(lab.board().mode).toBe("stub");

    // The next session finds the stub where it left it (back at 115200) and needs nothing.
    const again = ok(await flash(lab, b.dir));
    expect(again.outputs["sectors-written"]).toBe("0");
    expect(byType(lab.takeJournal(), "step").map((s) => s.status)).toEqual(["success", "success"]);
  });
});

async function waitFor(cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}
