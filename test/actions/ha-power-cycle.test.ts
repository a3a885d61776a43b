import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseWith, powerCycleResult } from "@hil/contracts";
import { acquireLease, createJobDir, JOB_FILES } from "@hil/lease";
import {
  readText,
  startLab,
  TOKEN,
  writeInventory,
  type TestLab,
} from "../../packages/power/__tests__/helpers";
import { runAction, type ActionRun } from "../helpers/run-action";

// run-action's GitHub identity: GITHUB_RUN_ID 8121934471, attempt 1, job hil.
const JOB = "gh-8121934471-1-hil@esp32-hut-01";

const labs: TestLab[] = [];
afterEach(async () => {
  for (const l of labs.splice(0)) await l.close();
});

/** Everything the step left for people, minus `::add-mask::` (the runner swallows those lines). */
function visible(run: ActionRun, ...more: string[]): string {
  const out = run.stdout
    .split("\n")
    .filter((l) => !l.startsWith("::add-mask::"))
    .join("\n");
  return [out, run.stderr, JSON.stringify(run.outputs), run.summary, ...more].join("\n");
}

describe("actions/ha-power-cycle (bundled, on Node 24)", () => {
  it("power-cycles the slot's board under the job's lease, waits for its boot, sets outputs and journals it", async () => {
    const t = await startLab(1);
    labs.push(t);
    const file = writeInventory(t);
    const jobDir = createJobDir(t.inventory, JOB);
    const lease = await acquireLease(t.inventory, "hut-01", {
      holder: { kind: "job", jobId: JOB, runner: "esp32-hut-01", jobDir },
    });
    writeFileSync(join(jobDir, JOB_FILES.lease), JSON.stringify(lease.record));
    let run: ActionRun;
    try {
      run = await runAction("ha-power-cycle", {
        inputs: { slot: "hut-01", reason: "board hung after flashing", "wait-for-boot": "true" },
        env: { HIL_SLOTS: file, HIL_SIM_HA_TOKEN: TOKEN },
      });
    } finally {
      await lease.release();
    }
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({
      result: "ok",
      attempts: "1",
      "http-status": "",
      "power-restored": "",
    });
    expect(Number(run.outputs["duration-ms"])).toBeGreaterThanOrEqual(500);
    const result = parseWith(powerCycleResult, JSON.parse(run.outputs["result-json"]!), "output");
    expect(result).toMatchObject({
      result: "ok",
      slot: "hut-01",
      reason: "board hung after flashing",
    });
    expect(result.timings.boot_ms).toBeGreaterThanOrEqual(0);
    // The board really went dark and came back, and its ROM printed a power-on boot.
    expect(t.powerLog("hut-01").map((p) => p.on)).toEqual([false, true]);
    expect(run.stdout).toMatch(
      /hut-01: booted \d+ ms after power returned: rst:0x1 \(POWERON_RESET\)/,
    );
    expect(run.stdout).toMatch(/under job gh-8121934471-1-hil@esp32-hut-01's lease/);
    expect(
      run.commands.some((c) => c.command === "group" && c.message === "Power-cycle hut-01"),
    ).toBe(true);
    expect(run.summary).toMatch(/### ✅ Power cycle of hut-01/);
    expect(run.summary).toMatch(/\| boot banner \| \d+ ms \|/);

    const journal = readText(join(jobDir, JOB_FILES.journal));
    const entries = journal
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(entries.map((e) => [e.type, e.step])).toEqual([
      ["recovery", "ha-power-cycle"],
      ["step", "ha-power-cycle"],
    ]);
    expect(entries[0].event).toMatchObject({ action: "power_cycle", result: "ok" });
    expect(entries[1]).toMatchObject({ status: "success", exit_code: 0 });
    // The token was masked for the runner and appears nowhere a person or a report sees.
    expect(run.stdout).toContain(`::add-mask::${TOKEN}`);
    expect(visible(run, journal)).not.toContain(TOKEN);
  });

  it("a refused token (ha-token input) fails the step with what to do, the token masked everywhere", async () => {
    const t = await startLab(1);
    labs.push(t);
    const wrong = "eyJhbGciOiJIUzI1NiJ9.revoked-token-from-the-secret-store";
    const run = await runAction("ha-power-cycle", {
      inputs: { slot: "hut-01", "ha-token": wrong },
      env: { HIL_SLOTS: writeInventory(t) },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ result: "ha_error", attempts: "1", "http-status": "401" });
    const errors = run.commands.filter((c) => c.command === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(
      /refused the token[\s\S]*The token in the ha-token input is wrong, revoked or expired/,
    );
    expect(t.powerLog("hut-01")).toEqual([]);
    expect(run.stdout).toContain(`::add-mask::${wrong}`);
    expect(visible(run)).not.toContain(wrong);
    expect(visible(run)).not.toContain(TOKEN);
  });

  it("with fail-on-error false a failed cycle warns and the step passes", async () => {
    const t = await startLab(1, { max_retries: 1 });
    labs.push(t);
    t.lab.relay.setFaults("hut-01", { status: 500 });
    const run = await runAction("ha-power-cycle", {
      inputs: { slot: "hut-01", "fail-on-error": "false" },
      env: { HIL_SLOTS: writeInventory(t), HIL_SIM_HA_TOKEN: TOKEN },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ result: "ha_error", attempts: "2", "http-status": "500" });
    expect(
      run.commands.some((c) => c.command === "warning" && /fail-on-error is false/.test(c.message)),
    ).toBe(true);
    expect(run.summary).toMatch(/### ❌ Power cycle of hut-01/);
  });

  it("refuses a slot without power, a missing token and a bad boot pattern before touching anything", async () => {
    const t = await startLab(2);
    labs.push(t);
    const doc = structuredClone(t.doc);
    delete doc.slots[1]!.power;
    const file = writeInventory(t, doc);
    const noPower = await runAction("ha-power-cycle", {
      inputs: { slot: "hut-02" },
      env: { HIL_SLOTS: file, HIL_SIM_HA_TOKEN: TOKEN },
    });
    expect(noPower.exitCode).toBe(1);
    expect(noPower.commands.find((c) => c.command === "error")?.message).toMatch(
      /Slot hut-02 has no power configured/,
    );
    const noToken = await runAction("ha-power-cycle", {
      inputs: { slot: "hut-01" },
      env: { HIL_SLOTS: file },
    });
    expect(noToken.commands.find((c) => c.command === "error")?.message).toMatch(
      /token variable HIL_SIM_HA_TOKEN .* is not set/,
    );
    const badPattern = await runAction("ha-power-cycle", {
      inputs: { slot: "hut-01", "wait-for-boot": "true", "boot-pattern": "rst:(" },
      env: { HIL_SLOTS: file, HIL_SIM_HA_TOKEN: TOKEN },
    });
    expect(badPattern.commands.find((c) => c.command === "error")?.message).toMatch(
      /boot-pattern "rst:\(" is not a valid regular expression/,
    );
    expect(noPower.outputs.result).toBeUndefined();
    expect(t.lab.relay.requests.filter((r) => r.path.startsWith("/api/"))).toEqual([]);
  });
});
