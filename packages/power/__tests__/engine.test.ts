import { describe, expect, it } from "vitest";
import { powerCycleResult } from "@hil/contracts";
import {
  cycleSlotPower,
  cycleWith,
  PowerError,
  runPowerCycle,
  type CycleCallOptions,
  type Power,
  type PowerState,
} from "../src/index";
import { recorder, startLab, type TestLab } from "./helpers";

/**
 * Another relay backend in a dozen lines (a PDU, a USB hub's port power would look the same):
 * it records what it was asked and fails the calls a test scripts.
 */
class FakePower implements Power {
  readonly label = "outlet 3 of the bench PDU";
  readonly calls: string[] = [];
  constructor(
    public current: PowerState = "on",
    private readonly failures: Partial<Record<"on" | "off" | "state", Error[]>> = {},
  ) {}
  private fail(what: "on" | "off" | "state"): void {
    const e = this.failures[what]?.shift();
    if (e) throw e;
  }
  async state(): Promise<PowerState> {
    this.calls.push("state");
    this.fail("state");
    return this.current;
  }
  async on(): Promise<number> {
    this.calls.push("on");
    this.fail("on");
    this.current = "on";
    return 1;
  }
  async off(): Promise<number> {
    this.calls.push("off");
    this.current = "off";
    this.fail("off");
    return 1;
  }
  cycle(o: CycleCallOptions) {
    return cycleWith(this, o);
  }
  async close(): Promise<void> {}
}

const transient = () =>
  new PowerError("the PDU did not answer", { outcome: "timeout", retryable: true });

const base = {
  slot: "hut-01",
  entity: "pdu.outlet_3",
  offMs: 10,
  settleMs: 10,
  retryDelayMs: () => 5,
};

describe("runPowerCycle over any Power driver", () => {
  it("retries what may pass and reports the attempts", async () => {
    const p = new FakePower("on", { on: [transient()] });
    const host = recorder();
    const r = await runPowerCycle(p, { ...base, maxRetries: 1, host });
    expect(powerCycleResult.safeParse(r).success).toBe(true);
    expect(r).toMatchObject({ result: "ok", attempts: 2, entity: "pdu.outlet_3" });
    expect(p.calls).toEqual(["state", "off", "on", "off", "on"]);
    expect(host.text()).toMatch(
      /attempt 1 of 2 failed: the PDU did not answer \(retrying in 0.01 s\)/,
    );
  });

  it("with no retries left while dark, restores power when the board was on before", async () => {
    const p = new FakePower("on", { on: [transient()] });
    const r = await runPowerCycle(p, { ...base, maxRetries: 0, host: recorder() });
    expect(r).toMatchObject({ result: "timeout", attempts: 1, power_restored: true });
    expect(p.calls).toEqual(["state", "off", "on", "on"]);
    expect(p.current).toBe("on");
  });

  it("leaves a board that was off before as it is", async () => {
    const p = new FakePower("off", { on: [transient()] });
    const host = recorder();
    const r = await runPowerCycle(p, { ...base, maxRetries: 0, host });
    expect(r.result).toBe("timeout");
    expect(r.power_restored).toBeUndefined();
    expect(p.calls).toEqual(["state", "off", "on"]);
    expect(host.text()).toMatch(/it was off before, so it is left as it is/);
  });

  it("a bug in a driver is not a result: power is restored and the error goes up", async () => {
    const bug = new TypeError("cannot read properties of undefined");
    const p = new FakePower("on", { on: [bug] });
    await expect(runPowerCycle(p, { ...base, maxRetries: 3, host: recorder() })).rejects.toBe(bug);
    expect(p.calls).toEqual(["state", "off", "on", "on"]);
    expect(p.current).toBe("on");
  });

  it("cycleSlotPower takes another driver without changing the caller", async () => {
    let t: TestLab | undefined;
    try {
      t = await startLab(1);
      const p = new FakePower("on");
      const host = recorder();
      const r = await cycleSlotPower({
        inventory: t.inventory,
        slot: "hut-01",
        step: "test",
        host,
        env: t.env,
        power: p,
      });
      expect(r.result).toBe("ok");
      expect(p.calls).toEqual(["state", "off", "on"]);
      expect(host.text()).toMatch(/power cycle of outlet 3 of the bench PDU/);
      // The simulated relay was not touched.
      expect(t.powerLog("hut-01")).toEqual([]);
    } finally {
      await t?.close();
    }
  });
});
