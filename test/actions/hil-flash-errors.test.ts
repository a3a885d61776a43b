import { rmSync } from "node:fs";
import { SerialPort } from "serialport";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { JournalEntry } from "@hil/contracts";
import { Rfc2217Server } from "@hil/hut-sim";
import { FlashLab, md5 } from "../../packages/flasher/__tests__/lab";
import { runAction, type ActionRun, type RunOptions } from "../helpers/run-action";

/**
 * Every bad input of the bundled hil-flash action, against simulated boards: a clear error
 * (message and what to do), nothing written when the problem is known before writing, the
 * board left running (not stuck in download mode), and the journal consistent: one failed
 * `step` entry whose failure_kind says whether it was the lab or the set-up.
 */
/** Run the bundled action; its temp dir (outputs, summary: already read) is removed. */
async function flashRun(o: RunOptions): Promise<ActionRun> {
  const run = await runAction("hil-flash", o);
  rmSync(run.dir, { recursive: true, force: true });
  return run;
}

const byType = <T extends JournalEntry["type"]>(entries: JournalEntry[], type: T) =>
  entries.filter((e): e is Extract<JournalEntry, { type: T }> => e.type === type);

describe("hil-flash refuses bad input", () => {
  let lab: FlashLab;
  let good: Awaited<ReturnType<FlashLab["bundle"]>>;

  beforeAll(async () => {
    lab = await FlashLab.start();
    good = await lab.bundle({ appSize: 96 * 1024 });
  });
  afterEach(() => {
    lab.board("hut-01").clearFaults();
    lab.writeInventory();
  });
  afterAll(async () => {
    await lab?.close();
  });

  /** Run the action, expect it to fail, and return the error annotation, outputs and journal. */
  async function fails(
    bundle: string,
    o: { slot?: string; inputs?: Record<string, string> } = {},
  ): Promise<{ run: ActionRun; error: string; journal: JournalEntry[] }> {
    const run = await flashRun({
      inputs: { bundle, ...o.inputs },
      env: lab.env(o.slot ?? "hut-01"),
      timeoutMs: 180_000,
    });
    expect(run.exitCode, run.stdout).toBe(1);
    const errors = run.commands.filter((c) => c.command === "error");
    expect(errors).toHaveLength(1);
    // Nothing half-reported: no figures of a flash that did not happen.
    for (const k of ["bytes-written", "compressed-bytes", "sectors-written", "seconds"])
      expect(run.outputs[k]).toBeUndefined();
    const journal = lab.takeJournal();
    const steps = byType(journal, "step");
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ status: "failed", exit_code: 1, step: "hil-flash" });
    expect(run.summary).toContain("### ❌ hil-flash on");
    return { run, error: errors[0]!.message, journal };
  }

  const flashOf = (id = "hut-01") => md5(lab.board(id).flash.read(0, 0x40000));
  const notInDownloadMode = (id = "hut-01") =>
    expect(["rom", "stub"]).not.toContain(lab.board(id).mode);

  it("a missing port: says which, lists /dev/serial/by-id; configuration", async () => {
    const port = "/dev/serial/by-id/usb-Silicon_Labs_CP2102_USB_to_UART_Bridge_gone-if00-port0";
    lab.writeInventory((s) => {
      if (s.id === "hut-01") s.port = port;
    });
    const { error, journal } = await fails(good.dir);
    expect(error).toContain(`No serial port at ${port}.`);
    expect(error).toMatch(/\/dev\/serial\/by-id (has:|is empty|does not exist)/);
    expect(error).toContain("set the slot's port: in the inventory");
    expect(byType(journal, "step")[0]!.failure_kind).toBe("configuration");
    expect(lab.healthOf()?.consecutive_failures ?? 0).toBe(0);
  });

  it("a busy port: names it and how to find the other user; infrastructure", async () => {
    lab.writeInventory(lab.ptySlot("hut-02"));
    const pty = lab.endpoint("hut-02").pty!;
    const other = new SerialPort({ path: pty, baudRate: 115200, lock: true, autoOpen: false });
    await new Promise<void>((resolve, reject) => other.open((e) => (e ? reject(e) : resolve())));
    try {
      const { error, journal } = await fails(good.dir, { slot: "hut-02" });
      expect(error).toContain(`Serial port ${pty} is busy: another process has it open`);
      expect(error).toContain(`fuser ${pty}`);
      expect(byType(journal, "step")[0]!.failure_kind).toBe("infrastructure");
    } finally {
      await new Promise<void>((r) => other.close(() => r()));
    }
  });

  it("a silent board: climbs the recovery ladder, journals each rung, says what was tried; counts against health", async () => {
    const board = lab.board("hut-01");
    board.setFaults({ noAnswer: true });
    const before = flashOf();
    const { run, error, journal } = await fails(good.dir);
    expect(error).toMatch(
      /^The board on rfc2217:\/\/127\.0\.0\.1:\d+ \(slot hut-01\) did not answer in download mode\. Tried: connecting with the classic DTR\/RTS reset \(no answer to SYNC in 2 attempts\); a retry with the classic DTR\/RTS reset \(no answer to SYNC in 2 attempts\); a hard reset \(EN pulsed through RTS\) \(no answer to SYNC in 2 attempts\); a power cycle \(no answer to SYNC in 2 attempts\)\./,
    );
    // The slot has power: the ladder's last rung cycled it through the relay, to no avail.
    expect(lab.lab.relay.requests.filter((r) => r.path.includes("turn_off"))).toHaveLength(1);
    expect(error).toContain("counts against slot health");
    const events = JSON.parse(run.outputs["recovery-events"]!) as {
      action: string;
      result: string;
    }[];
    expect(events.map((e) => [e.action, e.result])).toEqual([
      ["retry", "failed"],
      ["hard_reset", "failed"],
      ["power_cycle", "failed"], // the relay cycled, but the board still did not answer
    ]);
    // Each rung once: the power cycle is journaled by the ladder, not again by the power library.
    const rec = byType(journal, "recovery");
    expect(rec.map((r) => [r.event.action, r.event.result, r.event.step])).toEqual([
      ["retry", "failed", "hil-flash"],
      ["hard_reset", "failed", "hil-flash"],
      ["power_cycle", "failed", "hil-flash"],
    ]);
    const step = byType(journal, "step")[0]!;
    expect(step.failure_kind).toBe("infrastructure");
    expect(step.next_action).toContain("USB cable");
    expect(byType(journal, "board")).toEqual([]);
    expect(lab.healthOf()?.consecutive_failures).toBe(1);
    expect(flashOf()).toBe(before);
    notInDownloadMode();
  });

  it("a wedged board that only a power cut clears: the ladder's power cycle recovers it, then it flashes", async () => {
    lab.board("hut-01").setFaults({ wedged: true });
    const run = await flashRun({
      inputs: { bundle: good.dir },
      env: lab.env("hut-01"),
      timeoutMs: 180_000,
    });
    expect(run.exitCode, run.stdout).toBe(0);
    const events = JSON.parse(run.outputs["recovery-events"]!) as {
      action: string;
      result: string;
    }[];
    expect(events.map((e) => [e.action, e.result])).toEqual([
      ["retry", "failed"],
      ["hard_reset", "failed"],
      ["power_cycle", "ok"],
    ]);
    const journal = lab.takeJournal();
    expect(byType(journal, "recovery")).toHaveLength(3);
    expect(byType(journal, "step")[0]).toMatchObject({ status: "success", exit_code: 0 });
    expect(lab.healthOf()?.consecutive_failures ?? 0).toBe(0);
  });

  it("a wrong chip: names the board's chip and the bundle's; nothing written", async () => {
    const s3 = lab.variant(good.dir, { manifest: (m) => (m.chip = "esp32s3") });
    lab.writeInventory((s) => {
      if (s.id === "hut-01") s.chip = "esp32s3";
    });
    const before = flashOf();
    const { run, error, journal } = await fails(s3);
    expect(error).toMatch(
      /^Wrong chip: the board on \S+ \(slot hut-01\) is an ESP32-D0WD-V3 \(revision 3\) \(esp32\), but the bundle is built for esp32s3\. Nothing was written\./,
    );
    expect(error).toContain("idf.py set-target");
    expect(byType(journal, "step")[0]!.failure_kind).toBe("configuration");
    // The board answered: it is identified in the outputs, and healthy.
    expect(run.outputs.chip).toBe("esp32");
    expect(lab.healthOf()?.consecutive_failures).toBe(0);
    expect(flashOf()).toBe(before);
    notInDownloadMode();
  });

  it("a MAC other than the slot pins: refuses someone else's board; nothing written", async () => {
    lab.writeInventory((s) => {
      if (s.id === "hut-01") s.mac = "24:6f:28:00:00:01";
    });
    const before = flashOf();
    const { error, journal } = await fails(good.dir);
    expect(error).toContain(
      `has MAC ${lab.board("hut-01").mac}, but the slot pins 24:6f:28:00:00:01. Refusing to flash someone else's board`,
    );
    expect(error).toContain("USB cable was probably swapped");
    expect(byType(journal, "board")[0]!.mac).toBe(lab.board("hut-01").mac);
    expect(byType(journal, "step")[0]!.failure_kind).toBe("infrastructure");
    expect(flashOf()).toBe(before);
    notInDownloadMode();
  });

  it("a corrupt image: refused before the board is touched", async () => {
    const corrupt = lab.variant(good.dir, { app: (b) => (b[0x2000] = b[0x2000]! ^ 0xff) }, true);
    const rx0 = lab.board("hut-01").lineStats.rxBytes;
    const { error, journal } = await fails(corrupt);
    expect(error).toMatch(
      /sha256 mismatch in .+: hil_test_app\.bin has sha256 [0-9a-f]{64}, but the manifest says [0-9a-f]{64}/,
    );
    expect(error).toContain("Re-run the build job");
    expect(byType(journal, "step")[0]!.failure_kind).toBe("configuration");
    expect(lab.board("hut-01").lineStats.rxBytes).toBe(rx0);
  });

  it("a bundle larger than the board's flash: refused before a byte is written", async () => {
    const big = await lab.bundle({ appSize: 4 * 1024 * 1024 + 64 * 1024, flashSize: "8MB" });
    const before = flashOf();
    const { error, journal } = await fails(big.dir);
    expect(error).toMatch(
      /^The bundle does not fit the board on \S+ \(slot hut-01\)'s 4\.00 MiB flash: hil_test_app\.bin ends at 0x[0-9a-f]+, past the flash's end at 0x400000 \(4 MiB\)\. Nothing was written\./,
    );
    expect(byType(journal, "step")[0]!.failure_kind).toBe("configuration");
    expect(flashOf()).toBe(before);
    notInDownloadMode();
  });

  it("a baud the adapter refuses: says so and what to set; a lower baud then works", async () => {
    const limited = await new Rfc2217Server(lab.board("hut-02"), { maxBaud: 460800 }).start();
    try {
      lab.writeInventory((s) => {
        if (s.id === "hut-02") s.port = limited.url;
      });
      const { error, journal } = await fails(good.dir, { slot: "hut-02" });
      expect(error).toContain(`The serial adapter at ${limited.url} refused 921600 baud`);
      expect(error).toContain("set 115200 baud instead of 921600");
      expect(error).toContain(
        "lower the slot's baud: in the inventory (or the action's baud input)",
      );
      expect(byType(journal, "step")[0]!.failure_kind).toBe("infrastructure");
      notInDownloadMode("hut-02");

      const run = await flashRun({
        inputs: { bundle: good.dir, baud: "460800" },
        env: lab.env("hut-02"),
        timeoutMs: 180_000,
      });
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.stdout).toMatch(/ at 460800 baud, effective /);
      expect(lab.holds(good.dir, "hut-02")).toBe(true);
      lab.takeJournal();
    } finally {
      await limited.close();
    }
  });
});
