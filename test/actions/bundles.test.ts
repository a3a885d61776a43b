import { describe, expect, it } from "vitest";
import { runAction } from "../helpers/run-action";

// Each bundle, run as the runner runs it, refuses a bad input with a message that names the
// input and says where to fix it.
const BAD_INPUT: Record<string, [input: string, value: string, says: RegExp]> = {
  build: ["sha", "abc123", /sha: expected a full commit SHA/],
  "hil-flash": ["baud", "fast", /baud: expected a number/],
  "hil-test": ["timeout", "soon", /timeout: expected a number of seconds/],
  "ha-power-cycle": ["wait-for-boot", "maybe", /wait-for-boot: expected true or false/],
  "report-status": ["job-status", "ok", /job-status: expected success, failure or cancelled/],
};

describe.each(Object.entries(BAD_INPUT))("bundled %s", (action, [input, value, says]) => {
  it(`refuses ${input}=${value} with a clear error`, async () => {
    const run = await runAction(action, { inputs: { [input]: value } });
    expect(run.exitCode).toBe(1);
    const errors = run.commands.filter((c) => c.command === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(says);
    expect(errors[0]!.message).toContain(`inputs of ${action}`);
    expect(errors[0]!.message).toContain("with:");
  });
});

describe("secret inputs", () => {
  it("are masked before anything else is printed", async () => {
    const token = "eyJhbGciOiJIUzI1NiJ9.fake-ha-token";
    const run = await runAction("ha-power-cycle", {
      inputs: { "ha-token": token, "wait-for-boot": "maybe" },
    });
    const first = run.stdout.split("\n").findIndex((l) => l.startsWith("::"));
    expect(run.stdout.split("\n")[first]).toBe(`::add-mask::${token}`);
  });
});
