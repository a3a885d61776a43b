import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireLease } from "@hil/lease";
import { hil, hostEnv, lab, type Lab } from "./helpers";

// The lifecycle commands of the bundled CLI where there is no job: each says what is wrong.

let l: Lab;
beforeEach(() => {
  l = lab();
});
afterEach(() => l.cleanup());

describe("hil step, hil cancel and hil hook outside a job", () => {
  it("hil step refuses to run outside a hardware job and says where jobs come from", async () => {
    const r = await hil(["step", "--name", "x", "--", "true"], hostEnv(l, { HIL_SLOT: "hut-01" }))
      .done;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /This step is not part of a hardware job: HIL_JOB_DIR is not set, and slot hut-01's lease is free[\s\S]*job-started hook/,
    );
  });

  it("hil cancel refuses a free slot and a hil lock session", async () => {
    const free = await hil(["cancel", "--slot", "hut-02"], hostEnv(l)).done;
    expect(free.code).toBe(1);
    expect(free.stderr).toContain("Slot hut-02 is free: there is no job to cancel.");
    const lease = await acquireLease(l.inv, "hut-02", {
      holder: { kind: "lock", jobId: "local-bench-3", runner: "ada (terminal)" },
    });
    try {
      const locked = await hil(["cancel", "--slot", "hut-02"], hostEnv(l)).done;
      expect(locked.code).toBe(1);
      expect(locked.stderr).toMatch(/hil lock session local-bench-3 .* not a CI job/);
    } finally {
      await lease.release();
    }
  });

  it("hil hook names its phases, and completing a job that never started is fine", async () => {
    const bad = await hil(["hook", "finished"], hostEnv(l)).done;
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("The hook phase must be started or completed, not finished.");
    const none = await hil(
      ["hook", "completed"],
      hostEnv(l, { GITLAB_CI: "true", CI_JOB_ID: "31337", HIL_SLOT: "hut-01" }),
    ).done;
    expect(none.code, none.out).toBe(0);
    expect(none.out).toMatch(/Nothing to complete for job gl-31337/);
  });
});
