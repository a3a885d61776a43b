import { z } from "zod";
import { inventory } from "./inventory";
import { invocation } from "./invocation";
import { journalEntry } from "./journal";
import { manifest } from "./manifest";
import { powerCycleResult } from "./power";
import { report } from "./report";

/** The contracts published as JSON Schema files under `schemas/`, for validators in other languages. */
export const PUBLISHED_SCHEMAS = {
  "slots.schema.json": { schema: inventory, title: "hil slot inventory (/etc/hil/slots.yaml)" },
  "ws2.invocation.v1.schema.json": { schema: invocation, title: "ws2.invocation.v1" },
  "ws2.report.v1.schema.json": { schema: report, title: "ws2.report.v1" },
  "hil.fw-manifest.v1.schema.json": { schema: manifest, title: "hil.fw-manifest.v1" },
  "power-cycle-result.schema.json": { schema: powerCycleResult, title: "ha-power-cycle result" },
  "journal-entry.schema.json": {
    schema: journalEntry,
    title: "hil job journal entry (one JSON line)",
  },
} as const;

/** JSON Schema text of one published contract (the shape a document is written in). */
export function jsonSchemaText(file: keyof typeof PUBLISHED_SCHEMAS): string {
  const { schema, title } = PUBLISHED_SCHEMAS[file];
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  return JSON.stringify({ title, ...json }, null, 2) + "\n";
}
