import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigurationError, describeError, powerCycleResult } from "@hil/contracts";
import { acquireLease, createJobDir, JOB_FILES, LeaseBusyError } from "@hil/lease";
import { SerialConsole } from "@hil/serial";
import { cycleSlotPower, lastCycle, powerCycler, type CycleSlotPowerOptions } from "../src/index";
import {
  deadPort,
  everything,
  readText,
  recorder,
  startLab,
  TOKEN,
  variant,
  type TestLab,
} from "./helpers";

const labs: TestLab[] = [];
afterEach(async () => {
  for (const l of labs.splice(0)) await l.close();
});

async function lab(...args: Parameters<typeof startLab>): Promise<TestLab> {
  const l = await startLab(...args);
  labs.push(l);
  return l;
}

const fast = () => 20;

function opts(
  t: TestLab,
  o: Partial<CycleSlotPowerOptions> = {},
): CycleSlotPowerOptions & { host: ReturnType<typeof recorder> } {
  return {
    inventory: t.inventory,
    slot: "hut-01",
    step: "test",
    host: recorder(),
    env: t.env,
    retryDelayMs: fast,
    ...o,
  } as CycleSlotPowerOptions & { host: ReturnType<typeof recorder> };
}

describe("cycleSlotPower", () => {
  it("really reboots the board: the boot banner and the app come back on its console", async () => {
    const t = await lab(1);
    const slot = t.inventory.slots[0]!;
    const con = await SerialConsole.open({ port: slot.port, baud: slot.console_baud });
    try {
      const mark = con.received;
      const o = opts(t, { reason: "board hung", waitForBoot: { console: con } });
      const r = await cycleSlotPower(o);
      expect(powerCycleResult.safeParse(r).success).toBe(true);
      expect(r).toMatchObject({
        result: "ok",
        slot: "hut-01",
        entity: "switch.hut_01_power",
        reason: "board hung",
        attempts: 1,
      });
      expect(r.error).toBeUndefined();
      expect(r.power_restored).toBeUndefined();
      expect(r.timings.unpowered_ms).toBeGreaterThanOrEqual(300);
      expect(r.timings.settle_ms).toBeGreaterThanOrEqual(200);
      expect(r.timings.boot_ms).toBeGreaterThanOrEqual(0);
      expect(t.powerLog("hut-01").map((p) => p.on)).toEqual([false, true]);
      expect(t.services("switch.hut_01_power")).toEqual(["turn_off", "turn_on"]);
      // What the console saw after the cycle began: a power-on boot and the app, again.
      await con.waitFor(/app up: boot 1 reason POWERON_RESET/, { from: mark, timeoutMs: 10_000 });
      const seen = con.transcript.slice(mark).map((l) => l.text);
      expect(seen).toContain("rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)");
      expect(o.host.text()).toMatch(/hut-01: booted \d+ ms after power returned: rst:0x1/);
      expect(everything(o.host, r)).not.toContain(TOKEN);
    } finally {
      await con.close();
    }
  });

  it("opens the slot's console itself to wait for the boot banner, and times out when none comes", async () => {
    const t = await lab(1, { max_retries: 0 });
    const ok = await cycleSlotPower(opts(t, { waitForBoot: true }));
    expect(ok.result).toBe("ok");
    expect(ok.timings.boot_ms).toBeGreaterThanOrEqual(0);

    const o = opts(t, { waitForBoot: { pattern: /no such banner/, timeoutSec: 1 } });
    const r = await cycleSlotPower(o);
    expect(r).toMatchObject({ result: "timeout", attempts: 1 });
    expect(r.error).toMatch(/printed no boot banner matching \/no such banner\/ within 1 s/);
    // Power came back (the relay confirmed it), so nothing had to be restored.
    expect(r.power_restored).toBeUndefined();
    expect(t.board("hut-01").isPowered).toBe(true);
  });

  it("serializes two concurrent cycles of one slot: off/on/off/on, never off/off", async () => {
    const t = await lab(1);
    // Two callers that are not one job: the second waits for the first's lease.
    const a = cycleSlotPower(opts(t, { env: { ...t.env, HIL_JOB_ID: "local-alice-1" } }));
    const b = cycleSlotPower(opts(t, { env: { ...t.env, HIL_JOB_ID: "local-bob-2" } }));
    expect((await Promise.all([a, b])).map((r) => r.result)).toEqual(["ok", "ok"]);
    expect(t.services("switch.hut_01_power")).toEqual([
      "turn_off",
      "turn_on",
      "turn_off",
      "turn_on",
    ]);
    expect(t.powerLog("hut-01").map((p) => p.on)).toEqual([false, true, false, true]);

    // One process, one identity (so the lease lets both in): the slot's power lock serializes.
    const c = cycleSlotPower(opts(t));
    const d = cycleSlotPower(opts(t));
    await Promise.all([c, d]);
    expect(t.services("switch.hut_01_power").slice(4)).toEqual([
      "turn_off",
      "turn_on",
      "turn_off",
      "turn_on",
    ]);
  });

  it("cycles two slots at once: their dark periods overlap", async () => {
    const t = await lab(2, { off_sec: 1.5 });
    const [r1, r2] = await Promise.all([
      cycleSlotPower(opts(t, { slot: "hut-01" })),
      cycleSlotPower(opts(t, { slot: "hut-02" })),
    ]);
    expect([r1.result, r2.result]).toEqual(["ok", "ok"]);
    const [off1, on1] = t.powerLog("hut-01");
    const [off2, on2] = t.powerLog("hut-02");
    expect([off1!.on, on1!.on, off2!.on, on2!.on]).toEqual([false, true, false, true]);
    expect(off2!.at).toBeLessThan(on1!.at);
    expect(off1!.at).toBeLessThan(on2!.at);
  });

  it("a bad token (401): ha_error, one attempt, nothing switched, the token nowhere", async () => {
    const t = await lab(1);
    t.lab.relay.setFaults("hut-01", { status: 401 });
    const o = opts(t);
    const r = await cycleSlotPower(o);
    expect(r).toMatchObject({ result: "ha_error", http_status: 401, attempts: 1 });
    expect(r.error).toMatch(/refused the token/);
    expect(r.power_restored).toBeUndefined();
    expect(t.services("switch.hut_01_power")).toEqual([]);
    expect(t.board("hut-01").isPowered).toBe(true);
    expect(o.host.text()).toMatch(/not retried/);
    expect(o.host.text()).toMatch(/HIL_SIM_HA_TOKEN is wrong, revoked or expired/);
    expect(everything(o.host, r)).not.toContain(TOKEN);
  });

  it("an unknown entity (404): ha_error naming it, not retried", async () => {
    const t = await lab(1);
    const inv = variant(t, (d) => (d.slots[0]!.power!.entity = "switch.hut_09_power"));
    const r = await cycleSlotPower(opts(t, { inventory: inv }));
    expect(r).toMatchObject({ result: "ha_error", http_status: 404, attempts: 1 });
    expect(r.entity).toBe("switch.hut_09_power");
    expect(r.error).toMatch(/has no entity switch.hut_09_power/);
  });

  it("HTTP 500: retried max_retries times with the pauses between, then ha_error", async () => {
    const t = await lab(1, { max_retries: 2 });
    t.lab.relay.setFaults("hut-01", { status: 500 });
    const o = opts(t, { retryDelayMs: undefined });
    const r = await cycleSlotPower(o);
    expect(r).toMatchObject({ result: "ha_error", http_status: 500, attempts: 3 });
    // Default pauses: 1 s after the first failure, 2 s after the second.
    expect(r.timings.total_ms).toBeGreaterThanOrEqual(3000);
    expect(o.host.text()).toMatch(/attempt 1 of 3 failed: .*retrying in 1 s/);
    expect(o.host.text()).toMatch(/attempt 2 of 3 failed: .*retrying in 2 s/);
    expect(o.host.text()).toMatch(/attempt 3 of 3 failed: .*no retries left/);
    expect(t.board("hut-01").isPowered).toBe(true);
  });

  it("a slow Home Assistant: timeout after each attempt's deadline", async () => {
    const t = await lab(1, { timeout_sec: 0.5, max_retries: 1 });
    t.lab.relay.setFaults("hut-01", { slowMs: 30_000 });
    const r = await cycleSlotPower(opts(t));
    expect(r).toMatchObject({ result: "timeout", attempts: 2 });
    expect(r.http_status).toBeUndefined();
    expect(r.error).toMatch(/did not answer GET \/api\/states\/switch.hut_01_power within 0.5 s/);
  });

  it("a relay that never confirms: timeout, and power is switched back on", async () => {
    const t = await lab(1, { timeout_sec: 1, max_retries: 0 });
    t.lab.relay.setFaults("hut-01", { staleState: true });
    const o = opts(t);
    const r = await cycleSlotPower(o);
    expect(r).toMatchObject({ result: "timeout", attempts: 1, power_restored: true });
    expect(r.error).toMatch(/still reports "on" 1 s after turn_off/);
    expect(t.services("switch.hut_01_power")).toEqual(["turn_off", "turn_on"]);
    expect(t.board("hut-01").isPowered).toBe(true);
    expect(o.host.text()).toMatch(/switching it back on[\s\S]*power restored/);
  });

  it("a failure while the board is dark restores power, or says loudly that it could not", async () => {
    const t = await lab(1, { max_retries: 0 });
    const board = t.board("hut-01");
    const failOnceDark = () =>
      board.once("power", (on: boolean) => {
        if (!on) t.lab.relay.setFaults("hut-01", { status: 500 });
      });

    // Home Assistant fails turn_on, then recovers: the restore succeeds.
    failOnceDark();
    const o1 = opts(t, {
      host: recorder((l) => {
        if (l.includes("attempt 1 of 1 failed")) t.lab.relay.clearFaults("hut-01");
      }),
    });
    const r1 = await cycleSlotPower(o1);
    expect(r1).toMatchObject({ result: "ha_error", http_status: 500, power_restored: true });
    expect(board.isPowered).toBe(true);

    // It stays down: the result and the log say the board is off and what to do.
    failOnceDark();
    const o2 = opts(t);
    const r2 = await cycleSlotPower(o2);
    expect(r2).toMatchObject({ result: "ha_error", http_status: 500, power_restored: false });
    expect(board.isPowered).toBe(false);
    expect(
      o2.host.lines.some(
        (l) =>
          l.level === "error" &&
          /switch switch.hut_01_power on Home Assistant .* on by hand/.test(l.message),
      ),
    ).toBe(true);
  });

  it("a cancelled cycle restores power before it rejects", async () => {
    const t = await lab(1, { off_sec: 5 });
    const ac = new AbortController();
    const why = new Error("job cancelled");
    t.board("hut-01").once("power", () => ac.abort(why));
    await expect(cycleSlotPower(opts(t, { signal: ac.signal }))).rejects.toBe(why);
    expect(t.board("hut-01").isPowered).toBe(true);
    expect(t.services("switch.hut_01_power")).toEqual(["turn_off", "turn_on"]);
  });

  it("Home Assistant down: ha_error without a status after every retry", async () => {
    const t = await lab(1, { max_retries: 1 });
    const port = await deadPort();
    const inv = variant(t, (d) => (d.slots[0]!.power!.url = `http://127.0.0.1:${port}`));
    const r = await cycleSlotPower(opts(t, { inventory: inv }));
    expect(r).toMatchObject({ result: "ha_error", attempts: 2 });
    expect(r.http_status).toBeUndefined();
    expect(r.error).toMatch(/unreachable \(connection refused\)/);
  });

  it("honours the cooldown between cycles of a slot", async () => {
    const t = await lab(1, { cooldown_sec: 1.5 });
    const first = await cycleSlotPower(opts(t));
    expect(first.timings.cooldown_ms).toBeUndefined();
    const ended = Date.parse(lastCycle(t.inventory, "hut-01")!.ended_utc);
    const o = opts(t);
    const second = await cycleSlotPower(o);
    expect(second.result).toBe("ok");
    expect(second.timings.cooldown_ms).toBeGreaterThan(0);
    expect(o.host.text()).toMatch(/waiting \d+\.\d s for its 1.5 s cooldown/);
    const secondOff = t.powerLog("hut-01")[2]!;
    expect(secondOff.on).toBe(false);
    expect(secondOff.at).toBeGreaterThanOrEqual(ended + 1500 - 5);
  });

  it("bad set-ups fail before anything is switched, each with its own error", async () => {
    const t = await lab(2);
    const noPower = variant(t, (d) => delete d.slots[1]!.power);
    const e1 = await cycleSlotPower(opts(t, { inventory: noPower, slot: "hut-02" })).catch(
      (e) => e,
    );
    expect(e1).toBeInstanceOf(ConfigurationError);
    expect(describeError(e1)).toMatch(/Slot hut-02 has no power configured[\s\S]*power: block/);
    expect(powerCycler({ ...opts(t), inventory: noPower, slot: "hut-02" })).toBeUndefined();

    const e2 = await cycleSlotPower(opts(t, { env: {} })).catch((e) => e);
    expect(e2).toBeInstanceOf(ConfigurationError);
    expect(describeError(e2)).toMatch(/variable HIL_SIM_HA_TOKEN .* is not set/);

    const e3 = await cycleSlotPower(opts(t, { slot: "hut-07" })).catch((e) => e);
    expect(describeError(e3)).toMatch(/no slot "hut-07".*hut-01, hut-02/);
    expect(t.lab.relay.requests.filter((r) => r.path.startsWith("/api/"))).toEqual([]);
  });
});

describe("the slot lease and the job's journal", () => {
  const GH = { GITHUB_RUN_ID: "8121934471", GITHUB_RUN_ATTEMPT: "1", GITHUB_JOB: "hil" };
  const JOB = "gh-8121934471-1-hil";

  async function startJob(t: TestLab) {
    const jobDir = createJobDir(t.inventory, JOB);
    const lease = await acquireLease(t.inventory, "hut-01", {
      holder: { kind: "job", jobId: JOB, runner: "esp32-hut-01", jobDir },
    });
    writeFileSync(join(jobDir, JOB_FILES.lease), JSON.stringify(lease.record));
    return { jobDir, lease };
  }

  it("inside the holding job it runs at once and lands in the journal as a power_cycle recovery", async () => {
    const t = await lab(1);
    const { jobDir, lease } = await startJob(t);
    try {
      const base = { ...opts(t, { env: { ...t.env, ...GH } }), step: "hil-flash" };
      const cycle = (reason: string) => cycleSlotPower({ ...base, reason });
      const ok = await cycle("board not answering after hard reset");
      expect(ok.result).toBe("ok");
      t.lab.relay.setFaults("hut-01", { status: 401 });
      const bad = await cycle("second try");
      expect(bad.result).toBe("ha_error");
      t.lab.relay.clearFaults("hut-01");
      // The callback handed to the ladder and hil-test leaves journaling to them: one entry per rung.
      expect(
        (await powerCycler({ ...base, overrides: { cooldown_sec: 0 } })!("ladder")).result,
      ).toBe("ok");

      const journal = readText(join(jobDir, JOB_FILES.journal));
      const entries = journal
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(entries.map((e) => [e.type, e.step, e.event.action, e.event.result])).toEqual([
        ["recovery", "hil-flash", "power_cycle", "ok"],
        ["recovery", "hil-flash", "power_cycle", "ha_error"],
      ]);
      expect(entries[0].event.detail).toMatch(
        /^board not answering after hard reset: power cycled in \d+\.\d s \(1 attempt\)$/,
      );
      expect(entries[1].event.detail).toMatch(
        /second try: ha_error after 1 attempt.*refused the token/,
      );
      expect(journal).not.toContain(TOKEN);
    } finally {
      await lease.release();
    }
  });

  it("anyone else waits for the job, then fails naming it", async () => {
    const t = await lab(1);
    const { lease } = await startJob(t);
    const stranger = { ...t.env, HIL_JOB_ID: "local-bench-4242" };
    const e = await cycleSlotPower(opts(t, { env: stranger, leaseWaitSec: 0.3 })).catch((x) => x);
    expect(e).toBeInstanceOf(LeaseBusyError);
    expect(describeError(e)).toMatch(new RegExp(`Slot hut-01 is busy: held by .*${JOB}`));
    expect(t.services("switch.hut_01_power")).toEqual([]);

    // Waiting long enough: it runs once the job lets go.
    const o = opts(t, { env: stranger, leaseWaitSec: 30 });
    const waiting = cycleSlotPower(o);
    setTimeout(() => void lease.release(), 300);
    expect((await waiting).result).toBe("ok");
    expect(o.host.text()).toMatch(/Waiting up to 30 s for slot hut-01: held by/);
  });
});
