import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { z } from "zod";
// @ts-expect-error plain ESM list shared with the build scripts
import { ACTIONS } from "../../scripts/entries.mjs";
import { ROOT } from "../helpers/paths";

interface ActionYml {
  name: string;
  description: string;
  branding?: { icon?: string; color?: string };
  inputs?: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description?: string }>;
  runs: { using: string; main: string };
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

describe.each(ACTIONS as string[])("actions/%s", (action) => {
  const dir = join(ROOT, "actions", action);
  const yml = parse(readFileSync(join(dir, "action.yml"), "utf8")) as ActionYml;

  it("runs on node24 from its committed ESM bundle", () => {
    expect(yml.runs).toEqual({ using: "node24", main: "dist/index.js" });
    expect(existsSync(join(dir, "dist", "index.js"))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "dist", "package.json"), "utf8"))).toEqual({
      type: "module",
    });
  });

  it("has a description, branding and a description on every input and output", () => {
    expect(yml.description.length).toBeGreaterThan(20);
    expect(yml.branding?.icon).toBeTruthy();
    expect(yml.branding?.color).toBeTruthy();
    for (const [name, i] of Object.entries({ ...yml.inputs, ...yml.outputs })) {
      expect(name).toMatch(KEBAB);
      expect(i.description, `${action}: ${name}`).toBeTruthy();
    }
  });

  it("declares exactly the inputs its zod schema reads and the outputs it writes", async () => {
    const mod = (await import(join(dir, "src", "inputs.ts"))) as {
      inputs: z.ZodObject;
      OUTPUTS: readonly string[];
    };
    expect(Object.keys(yml.inputs ?? {}).sort()).toEqual(Object.keys(mod.inputs.shape).sort());
    expect(Object.keys(yml.outputs ?? {}).sort()).toEqual([...mod.OUTPUTS].sort());
  });
});
