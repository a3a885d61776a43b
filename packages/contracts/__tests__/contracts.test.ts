import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  invocation,
  journalEntry,
  manifest,
  parseWith,
  powerCycleResult,
  report,
  ValidationError,
} from "../src/index";

const here = dirname(fileURLToPath(import.meta.url));
const example = (name: string) =>
  JSON.parse(readFileSync(join(here, "..", "examples", name), "utf8")) as Record<string, unknown>;

function rejection(schema: z.ZodType, data: unknown): string {
  try {
    parseWith(schema, data, "doc.json");
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as Error).message;
  }
  throw new Error("expected the document to be rejected");
}

const REQUIRED = {
  invocation: [
    "schema_version",
    "job_id",
    "target_role",
    "requested_by",
    "request_utc",
    "command",
    "timeout_sec",
    "lock_key",
  ],
  report: [
    "schema_version",
    "job_id",
    "agent_role",
    "status",
    "start_utc",
    "end_utc",
    "duration_sec",
    "exit_code",
    "lock_key",
    "human_summary",
  ],
} as const;

const ENUMS = {
  invocation: { target_role: "robot", lane: "cloud", schema_version: "ws2.invocation.v2" },
  report: {
    agent_role: "robot",
    status: "passed",
    lane: "cloud",
    failure_kind: "cosmic-ray",
    schema_version: "ws2.report.v0",
  },
} as const;

describe.each([
  ["invocation", invocation, "invocation.json"],
  ["report", report, "report.json"],
] as const)("%s contract", (name, schema, file) => {
  it("accepts the documented example", () => {
    expect(() => parseWith(schema, example(file), file)).not.toThrow();
  });

  it.each(REQUIRED[name])("rejects a document without %s, naming the field", (field) => {
    const doc = example(file);
    delete doc[field];
    const msg = rejection(schema, doc);
    expect(msg).toContain("doc.json");
    expect(msg).toMatch(new RegExp(`- ${field}: is required`));
  });

  it.each(Object.entries(ENUMS[name]))(
    "rejects %s = %s, naming the field and the allowed values",
    (field, bad) => {
      const msg = rejection(schema, { ...example(file), [field]: bad });
      expect(msg).toContain(`- ${field}: `);
      expect(msg).toMatch(/expected/i);
    },
  );

  it("rejects an unknown field (a typo must not pass silently)", () => {
    expect(rejection(schema, { ...example(file), comit_sha: "x" })).toMatch(
      /unknown field "comit_sha"/,
    );
  });

  it("the documented fields are exactly the contract's", () => {
    const shape = Object.keys((schema as unknown as z.ZodObject).shape);
    for (const f of REQUIRED[name]) expect(shape).toContain(f);
    const required = shape.filter(
      (k) => !(schema as unknown as z.ZodObject).shape[k]!.safeParse(undefined).success,
    );
    expect(required.sort()).toEqual([...REQUIRED[name]].sort());
  });
});

describe("report consistency", () => {
  const base = example("report.json");
  it("refuses success with a non-zero exit code and failure with exit code 0", () => {
    expect(rejection(report, { ...base, status: "success", exit_code: 1 })).toMatch(
      /exit_code: must be 0/,
    );
    expect(rejection(report, { ...base, status: "timeout", exit_code: 0 })).toMatch(
      /exit_code: must be non-zero/,
    );
  });
  it("refuses an end before the start", () => {
    expect(rejection(report, { ...base, end_utc: "2026-11-21T10:00:00Z" })).toMatch(
      /end_utc: is before start_utc/,
    );
  });
  it("refuses power_cycles that disagree with the recovery events", () => {
    expect(rejection(report, { ...base, power_cycles: 2 })).toMatch(
      /power_cycles: is 2 but recovery_events lists 1/,
    );
  });
  it("refuses test counts that do not add up", () => {
    expect(
      rejection(report, { ...base, tests: { total: 13, passed: 12, failed: 0, ignored: 0 } }),
    ).toMatch(/tests: passed \+ failed \+ ignored must equal total/);
  });
  it("refuses a local timestamp and a short SHA", () => {
    const msg = rejection(report, {
      ...base,
      start_utc: "2026-11-21 10:15",
      commit_sha: "9fceb02",
    });
    expect(msg).toMatch(/start_utc: /);
    expect(msg).toMatch(/commit_sha: expected a full lowercase commit SHA/);
  });
  it('takes commit_sha "none" (the contracts\' "<git sha or none>") and nothing else', () => {
    expect(report.safeParse({ ...base, commit_sha: "none" }).success).toBe(true);
    const inv = example("invocation.json") as Record<string, unknown>;
    expect(invocation.safeParse({ ...inv, commit_sha: "none" }).success).toBe(true);
    expect(rejection(invocation, { ...inv, commit_sha: "nonesuch" })).toMatch(
      /commit_sha: expected a full lowercase commit SHA \(40 hex digits\) or "none"/,
    );
  });
  it("refuses a timeout above the hardware ceiling", () => {
    expect(rejection(invocation, { ...example("invocation.json"), timeout_sec: 20000 })).toMatch(
      /timeout_sec: at most 14400 s/,
    );
  });
});

describe("firmware manifest", () => {
  const base = example("manifest.json");
  const images = base.images as Array<Record<string, unknown>>;
  it("accepts the documented example", () => {
    expect(parseWith(manifest, base, "manifest.json").images).toHaveLength(3);
  });
  it("refuses overlapping images, naming both", () => {
    const bad = { ...base, images: [images[0], { ...images[2], offset: 0x2000 }] };
    expect(rejection(manifest, bad)).toMatch(
      /images\[1\]\.offset: 0x2000 overlaps bootloader\/bootloader\.bin/,
    );
  });
  it("refuses a path that escapes the bundle", () => {
    for (const file of ["../../etc/passwd", "/abs/app.bin", "a/../../b", "C:\\x.bin"]) {
      expect(rejection(manifest, { ...base, images: [{ ...images[0], file }] })).toMatch(
        /images\[0\]\.file: expected a relative path/,
      );
    }
  });
  it("refuses an image past the end of flash and an unaligned offset", () => {
    const msg = rejection(manifest, {
      ...base,
      flash: { mode: "dio", freq: "40m", size: "2MB" },
      images: [
        { ...images[2], offset: 0x1ff000 },
        { ...images[0], offset: 0x1001 },
      ],
    });
    expect(msg).toMatch(/images\[0\]: thermostat\.bin ends at 0x22b4d0, past the 2MB flash/);
    expect(msg).toMatch(/images\[1\]\.offset: expected a multiple of 0x1000/);
  });
});

describe("power-cycle result and journal", () => {
  const ok = {
    result: "ok",
    slot: "hut-01",
    entity: "switch.hut_01_power",
    attempts: 1,
    started_utc: "2026-11-21T10:15:31Z",
    ended_utc: "2026-11-21T10:15:35Z",
    timings: { off_ms: 3000, on_ms: 120, total_ms: 4100 },
  };
  it("is exactly one of ok, timeout, ha_error", () => {
    expect(parseWith(powerCycleResult, ok, "r").result).toBe("ok");
    expect(rejection(powerCycleResult, { ...ok, result: "maybe" })).toMatch(/result: /);
    expect(rejection(powerCycleResult, { ...ok, result: "ha_error" })).toMatch(
      /error: is required when result is ha_error/,
    );
  });
  it("journal entries are told apart by type", () => {
    const e = parseWith(
      journalEntry,
      { type: "artifact", at: "2026-11-21T10:15:31Z", step: "hil-test", path: "junit.xml" },
      "journal",
    );
    expect(e.type).toBe("artifact");
    expect(
      rejection(journalEntry, { type: "gossip", at: "2026-11-21T10:15:31Z", step: "x" }),
    ).toMatch(/type: /);
  });
});
