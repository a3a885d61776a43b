import type { z } from "zod";
import { ConfigurationError } from "./errors";

/** One problem found while validating a document: where it is and what was expected. */
export interface Problem {
  /** Path to the bad field, e.g. `slots[1] (hut-02).power.entity`; empty for the document itself. */
  path: string;
  message: string;
}

/**
 * A document (file, environment, action input) failed its contract.
 * The message names the source, the path to each bad field and what was expected,
 * so a user can fix the file without reading our code.
 */
export class ValidationError extends ConfigurationError {
  override name = "ValidationError";
  constructor(
    readonly source: string,
    readonly problems: Problem[],
    hint?: string,
  ) {
    super(
      `${source} failed validation:\n` +
        problems.map((p) => `  - ${p.path || "(document)"}: ${p.message}`).join("\n"),
      hint ? { hint } : undefined,
    );
  }
}

type Key = PropertyKey;

function at(data: unknown, path: readonly Key[]): unknown {
  let cur: unknown = data;
  for (const k of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<Key, unknown>)[k];
  }
  return cur;
}

/**
 * Render a zod path as `a.b[2].c`. An array element that is an object with a string `id`
 * is named by it too (`slots[1] (hut-02)`), so inventory errors say which slot.
 */
export function formatPath(data: unknown, path: readonly Key[]): string {
  let out = "";
  for (let i = 0; i < path.length; i++) {
    const k = path[i]!;
    if (typeof k === "number") {
      out += `[${k}]`;
      const el = at(data, path.slice(0, i + 1));
      const id = el && typeof el === "object" ? (el as { id?: unknown }).id : undefined;
      if (typeof id === "string" && id) out += ` (${id})`;
    } else {
      out += (out ? "." : "") + String(k);
    }
  }
  return out;
}

function describe(issue: z.core.$ZodIssue, data: unknown): string {
  if (issue.path.length > 0 && at(data, issue.path) === undefined) {
    if (issue.code === "invalid_type") return `is required (expected ${issue.expected})`;
    if (issue.code === "invalid_value") {
      return `is required (expected ${issue.values.map((v) => JSON.stringify(v)).join(" | ")})`;
    }
    if (issue.code === "invalid_union") return "is required";
  }
  if (issue.code === "invalid_value" && /^Invalid (option|input)/.test(issue.message)) {
    return `expected ${issue.values.map((v) => JSON.stringify(v)).join(" | ")}, got ${JSON.stringify(at(data, issue.path))}`;
  }
  if (issue.code === "unrecognized_keys") {
    return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")} (check the spelling against the documented fields)`;
  }
  return issue.message.replace(/^Invalid input: /, "");
}

/** The problems of a failed parse, each with a readable path. */
export function problemsOf(error: z.ZodError, data: unknown): Problem[] {
  return error.issues.map((issue) => ({
    path: formatPath(data, issue.path),
    message: describe(issue, data),
  }));
}

/** Parse `data` with `schema`, or throw a {@link ValidationError} that names `source`. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  data: unknown,
  source: string,
  hint?: string,
): z.output<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  throw new ValidationError(source, problemsOf(r.error, data), hint);
}
