import * as core from "@actions/core";
import { parseWith } from "@hil/contracts";
import { z } from "zod";

/** A boolean input as `core.getBooleanInput` reads it (true/True/TRUE, false/False/FALSE). */
export const booleanInput = z
  .enum(["true", "True", "TRUE", "false", "False", "FALSE"], {
    error: "expected true or false",
  })
  .transform((v) => v.toLowerCase() === "true");

/** A whole-number input. */
export const intInput = z.coerce
  .number({ error: "expected a number" })
  .int("expected a whole number");

/** A non-negative number of seconds. */
export const secondsInput = z.coerce.number({ error: "expected a number of seconds" }).min(0);

/**
 * Read every input the schema names (kebab-case keys, as in action.yml) and validate them.
 * An empty input is absent, so zod defaults apply. `secrets` are masked before anything is logged.
 */
export function readInputs<S extends z.ZodObject>(
  schema: S,
  action: string,
  secrets: string[] = [],
): z.output<S> {
  const raw: Record<string, string> = {};
  for (const name of Object.keys(schema.shape)) {
    const v = core.getInput(name);
    if (v !== "") raw[name] = v;
  }
  for (const name of secrets) if (raw[name]) core.setSecret(raw[name]);
  return parseWith(
    schema,
    raw,
    `the inputs of ${action}`,
    "Fix the step's `with:` block in the workflow.",
  );
}
