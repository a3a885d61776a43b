import { appendFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Journal } from "../src/index";

const fresh = () =>
  new Journal(join(mkdtempSync(join(tmpdir(), "journal-")), "job", "journal.jsonl"));

describe("Journal", () => {
  it("appends validated entries with a timestamp and reads them back in order", () => {
    const j = fresh();
    j.append({ type: "board", step: "hil-flash", chip: "esp32", mac: "24:6f:28:aa:bb:01" });
    j.append({ type: "artifact", step: "hil-test", path: "hil-out/junit.xml" });
    const { entries, skipped } = j.read();
    expect(skipped).toBe(0);
    expect(entries.map((e) => e.type)).toEqual(["board", "artifact"]);
    expect(entries[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
  });

  it("refuses an entry that breaks the contract", () => {
    // @ts-expect-error wrong on purpose
    expect(() => fresh().append({ type: "tests", step: "hil-test", counts: { total: 2 } })).toThrow(
      /counts\.passed: is required/,
    );
  });

  it("skips a torn line instead of failing the report", () => {
    const j = fresh();
    j.append({ type: "note", step: "hook", text: "claimed" });
    appendFileSync(j.path, '{"type":"note","step":"hil-te');
    expect(j.read()).toMatchObject({ entries: [{ text: "claimed" }], skipped: 1 });
  });

  it("reads a missing journal as empty", () => {
    expect(fresh().read()).toEqual({ entries: [], skipped: 0 });
  });
});
