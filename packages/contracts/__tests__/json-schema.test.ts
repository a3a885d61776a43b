import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonSchemaText, PUBLISHED_SCHEMAS } from "../src/index";

const root = join(import.meta.dirname, "..", "..", "..");

describe("published JSON Schema files", () => {
  it.each(Object.keys(PUBLISHED_SCHEMAS) as (keyof typeof PUBLISHED_SCHEMAS)[])(
    "schemas/%s matches the zod contract (run `npm run schemas` after changing a contract)",
    (file) => {
      const committed = readFileSync(join(root, "schemas", file), "utf8");
      expect(committed).toBe(jsonSchemaText(file));
    },
  );

  it("lists the required fields of the report", () => {
    const schema = JSON.parse(jsonSchemaText("ws2.report.v1.schema.json")) as {
      required: string[];
    };
    expect(schema.required).toEqual(
      expect.arrayContaining(["schema_version", "job_id", "status", "lock_key", "human_summary"]),
    );
  });
});
