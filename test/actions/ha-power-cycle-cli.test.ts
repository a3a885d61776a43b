import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { parseWith, powerCycleResult, type PowerCycleResult } from "@hil/contracts";
import {
  startLab,
  TOKEN,
  writeInventory,
  type TestLab,
} from "../../packages/power/__tests__/helpers";
import { bundleNode, cliDist } from "../helpers/paths";

const labs: TestLab[] = [];
afterEach(async () => {
  for (const l of labs.splice(0)) await l.close();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The bundled `hil` in its own process (asynchronously: the simulated lab runs in this one). */
function hil(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(bundleNode(), [cliDist, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const resultOf = (r: Run): PowerCycleResult =>
  parseWith(powerCycleResult, JSON.parse(r.stdout), "hil power-cycle --json");

describe("hil power-cycle (bundled CLI)", () => {
  it("power-cycles a simulated board and waits for its boot", async () => {
    const t = await startLab(1);
    labs.push(t);
    const env = { HIL_SLOTS: writeInventory(t), HIL_SIM_HA_TOKEN: TOKEN };
    const r = await hil(
      ["power-cycle", "--slot", "hut-01", "--wait-for-boot", "--reason", "by hand", "--json"],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    const result = resultOf(r);
    expect(result).toMatchObject({ result: "ok", slot: "hut-01", attempts: 1, reason: "by hand" });
    expect(result.timings.boot_ms).toBeGreaterThanOrEqual(0);
    expect(t.powerLog("hut-01").map((p) => p.on)).toEqual([false, true]);
    expect(r.stderr).toMatch(
      /hut-01: booted \d+ ms after power returned: rst:0x1 \(POWERON_RESET\)/,
    );
    expect(r.stderr).toMatch(/hut-01: power cycle ok in \d+\.\d\d s \(1 attempt\)/);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it("two processes at once: serialized by the lease, the second waits out the cooldown", async () => {
    const t = await startLab(1, { cooldown_sec: 2 });
    labs.push(t);
    const env = { HIL_SLOTS: writeInventory(t), HIL_SIM_HA_TOKEN: TOKEN };
    const args = ["power-cycle", "--slot", "hut-01", "--json"];
    const [a, b] = await Promise.all([hil(args, env), hil(args, env)]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    expect(t.services("switch.hut_01_power")).toEqual([
      "turn_off",
      "turn_on",
      "turn_off",
      "turn_on",
    ]);
    const [off1, on1, off2, on2] = t.powerLog("hut-01");
    expect([off1, on1, off2, on2].map((p) => p!.on)).toEqual([false, true, false, true]);
    // The cooldown counts from the end of the first cycle (after its on): at least 2 s of power.
    expect(off2!.at - on1!.at).toBeGreaterThanOrEqual(2000 - 5);
    const waited = [a, b].filter((r) => resultOf(r).timings.cooldown_ms !== undefined);
    expect(waited).toHaveLength(1);
    expect(resultOf(waited[0]!).timings.cooldown_ms).toBeGreaterThan(0);
    expect(waited[0]!.stderr).toMatch(/waiting \d+\.\d s for its 2 s cooldown/);
    expect(a.stdout + a.stderr + b.stdout + b.stderr).not.toContain(TOKEN);

    // A third process later still sees the second's cycle in the state dir.
    const c = await hil(args, env);
    expect(resultOf(c).timings.cooldown_ms).toBeGreaterThan(0);
  });

  it("exits 1 with the result, the reason and what to do when Home Assistant refuses", async () => {
    const t = await startLab(1);
    labs.push(t);
    const doc = structuredClone(t.doc);
    doc.slots[0]!.power!.entity = "switch.hut_42_power";
    const env = { HIL_SLOTS: writeInventory(t, doc), HIL_SIM_HA_TOKEN: TOKEN };
    const r = await hil(["power-cycle", "--slot", "hut-01", "--json"], env);
    expect(r.code).toBe(1);
    expect(resultOf(r)).toMatchObject({ result: "ha_error", http_status: 404, attempts: 1 });
    expect(r.stderr).toMatch(
      /hil: Power cycle of hut-01 \(switch.hut_42_power\): ha_error after 1 attempt: .*has no entity switch.hut_42_power[\s\S]*power.entity/,
    );
    const noFail = await hil(["power-cycle", "--slot", "hut-01", "--no-fail"], env);
    expect(noFail.code).toBe(0);
    expect(noFail.stderr).toMatch(/warning: .*fail-on-error is false/);
  });

  it("inside `hil lock` it runs under the lock's lease instead of waiting for it", async () => {
    const t = await startLab(1);
    labs.push(t);
    const env = { HIL_SLOTS: writeInventory(t), HIL_SIM_HA_TOKEN: TOKEN };
    const inner = `"${bundleNode()}" "${cliDist}" power-cycle --wait 0`;
    const r = await hil(["lock", "--slot", "hut-01", "--wait", "0", "--", "sh", "-c", inner], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /hut-01: power cycle of switch.hut_01_power .* under job local-.*'s lease/,
    );
    expect(t.powerLog("hut-01").map((p) => p.on)).toEqual([false, true]);
  });
});
