import type { JournalEntry, PowerCycleResult, Slot } from "@hil/contracts";
import { RecordingHost } from "@hil/host";
import { ciContext } from "@hil/ci";
import { loadInventory } from "@hil/inventory";
import { acquireLease, callerIdentity, JobContext } from "@hil/lease";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flashSlot, type FlashSlotOptions } from "../src/step";
import { FlashLab, JOB_SHA } from "./lab";

/**
 * The hil-flash step in-process against the simulator: what the bundled action cannot show
 * (an injected power cycle), and the options the action passes through.
 */
const byType = <T extends JournalEntry["type"]>(entries: JournalEntry[], type: T) =>
  entries.filter((e): e is Extract<JournalEntry, { type: T }> => e.type === type);

describe("flashSlot against the simulator", () => {
  let lab: FlashLab;
  let bundle: Awaited<ReturnType<FlashLab["bundle"]>>;

  beforeAll(async () => {
    lab = await FlashLab.start();
    bundle = await lab.bundle({ appSize: 80 * 1024 });
  });
  afterAll(async () => {
    await lab?.close();
  });

  const run = (o: Partial<FlashSlotOptions> = {}) => {
    const host = new RecordingHost();
    const p = flashSlot({
      host,
      env: { ...lab.env(o.slot ?? "hut-01"), HIL_SHA: JOB_SHA },
      bundle: bundle.dir,
      ...o,
    });
    return { host, p };
  };

  it("power-cycles a silent board through the injected callback, journals every rung, then flashes it", async () => {
    const board = lab.board("hut-01");
    board.setFaults({ noAnswer: true });
    const calls: { slot: string; reason: string }[] = [];
    // Drives the simulator's Home Assistant relay as the power-cycle library would; the cut
    // power is what clears the board's fault.
    const powerCycleFor = (slot: Slot): ((reason: string) => Promise<PowerCycleResult>) => {
      const p = slot.power!;
      const call = async (service: string) => {
        const res = await fetch(`${p.url}/api/services/switch/${service}`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${lab.lab.token}`,
            "content-type": "application/json",
          },
          body: JSON.stringify({ entity_id: p.entity }),
        });
        expect(res.status).toBe(200);
      };
      return async (reason) => {
        calls.push({ slot: slot.id, reason });
        const started = new Date();
        await call("turn_off");
        expect(board.isPowered).toBe(false);
        board.clearFaults();
        await call("turn_on");
        return {
          result: "ok",
          slot: slot.id,
          entity: p.entity,
          attempts: 1,
          started_utc: started.toISOString(),
          ended_utc: new Date().toISOString(),
          timings: { total_ms: Date.now() - started.getTime() },
        };
      };
    };
    const seen: string[] = [];
    const { host, p } = run({ powerCycleFor, onRecovery: (e) => seen.push(e.action) });
    const r = await p;

    expect(calls).toHaveLength(1);
    expect(calls[0]!.slot).toBe("hut-01");
    expect(calls[0]!.reason).toMatch(
      /^the board on rfc2217:\/\/127\.0\.0\.1:\d+ \(slot hut-01\) did not answer in download mode/,
    );
    expect(r.recoveryEvents.map((e) => [e.action, e.result])).toEqual([
      ["retry", "failed"],
      ["hard_reset", "failed"],
      ["power_cycle", "ok"],
    ]);
    expect(seen).toEqual(["retry", "hard_reset", "power_cycle"]);
    expect(lab.holds(bundle.dir)).toBe(true);
    expect(host.text()).toContain("Recovery: a power cycle worked; the board answers.");

    const j = lab.takeJournal();
    expect(byType(j, "recovery").map((e) => [e.event.action, e.event.result])).toEqual([
      ["retry", "failed"],
      ["hard_reset", "failed"],
      ["power_cycle", "ok"],
    ]);
    expect(byType(j, "step")).toEqual([expect.objectContaining({ status: "success" })]);
    expect(lab.healthOf()?.consecutive_failures).toBe(0);
    expect(host.summary).toContain("**Recovery**");
  });

  it("runs a slot's custom reset sequence (esptool's seconds) and honours skip-unchanged: false and verify: false", async () => {
    lab.writeInventory((s) => {
      if (s.id !== "hut-01") return;
      s.reset = "custom";
      s.reset_sequence = "D0|R1|W0.1|D1|R0|W0.08|D0";
    });
    const { host, p } = run({ skipUnchanged: false, verify: false });
    const r = await p;
    expect(host.text()).toContain("with the custom reset sequence D0|R1|W0.1|D1|R0|W0.08|D0...");
    // The board already held it, but everything was written again, and not read back.
    expect(r.sectorsSkipped).toBe(0);
    expect(r.sectorsWritten).toBe(r.images.reduce((n, i) => n + i.sectors, 0));
    expect(r.md5Queries).toBe(0);
    expect(host.text()).not.toContain("Verified:");
    expect(lab.holds(bundle.dir)).toBe(true);
    lab.takeJournal();
    lab.writeInventory();
  });

  it("works from the step's context as given: the inventory and the job are not looked up again", async () => {
    lab.writeInventory();
    const { inventory } = loadInventory(lab.inventoryFile, {});
    const slot = inventory.slots.find((s) => s.id === "hut-01")!;
    // Paths a flash that looked anything up again would fail on.
    const env = { HIL_SLOTS: "/nonexistent/slots.yaml", HIL_SLOT: "hut-02", HIL_SHA: JOB_SHA };
    const job = new JobContext("gl-4242", lab.jobDir, undefined, "HIL_JOB_DIR");
    const host = new RecordingHost();
    const r = await flashSlot({
      host,
      env,
      bundle: bundle.dir,
      context: {
        inventory,
        inventoryFile: "/nonexistent/slots.yaml",
        slot,
        job,
        ci: ciContext(env),
      },
    });
    expect(r.slot).toBe("hut-01");
    expect(byType(lab.takeJournal(), "flash")).toHaveLength(1);
  });

  it("runs under the job's own lease when the job holds the slot", async () => {
    const inv = lab.writeInventory();
    const env = { ...lab.env("hut-01"), HIL_SHA: JOB_SHA };
    const lease = await acquireLease({ lock_dir: inv.lock_dir!, stale_sec: 30 }, "hut-01", {
      holder: { kind: "job", jobId: callerIdentity(env).jobId, runner: "esp32-hut-01" },
    });
    try {
      const host = new RecordingHost();
      const r = await flashSlot({ host, env, bundle: bundle.dir });
      expect(r.sectorsWritten).toBe(0);
      expect(host.text()).toContain(`Slot hut-01: under job ${callerIdentity(env).jobId}'s lease.`);
      lab.takeJournal();
    } finally {
      await lease.release();
    }
  });

  it("waits for nobody: a slot someone else holds fails at once, naming the holder, journaled as the lab's", async () => {
    const inv = lab.writeInventory();
    const lease = await acquireLease({ lock_dir: inv.lock_dir!, stale_sec: 30 }, "hut-01", {
      holder: { kind: "lock", jobId: "local-bench-42", runner: "alice (terminal)" },
    });
    try {
      const { p } = run();
      await expect(p).rejects.toThrow(/Slot hut-01 is busy: held by .*local-bench-42/);
      const step = byType(lab.takeJournal(), "step");
      expect(step).toEqual([
        expect.objectContaining({ status: "failed", failure_kind: "infrastructure" }),
      ]);
    } finally {
      await lease.release();
    }
  });
});
