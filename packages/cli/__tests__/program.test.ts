import { describe, expect, it } from "vitest";
import { buildProgram } from "../src/program";

describe("hil command tree", () => {
  it("has every subcommand DESIGN.md lists, each with a description", () => {
    const names = buildProgram().commands.map((c) => c.name());
    expect(names).toEqual(
      expect.arrayContaining([
        "slots",
        "doctor",
        "flash",
        "test",
        "power-cycle",
        "lock",
        "report",
        "demo",
      ]),
    );
    for (const c of buildProgram().commands) expect(c.description()).not.toBe("");
  });
});
