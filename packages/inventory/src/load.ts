import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigurationError, inventory, parseWith, type Inventory } from "@hil/contracts";
import { parseDocument } from "yaml";

export const DEFAULT_INVENTORY = "/etc/hil/slots.yaml";

export interface LoadedInventory {
  /** Absolute path the inventory was read from. */
  file: string;
  inventory: Inventory;
}

/** The inventory file to use: an explicit path, else HIL_SLOTS, else /etc/hil/slots.yaml. */
export function inventoryPath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(explicit || env.HIL_SLOTS || DEFAULT_INVENTORY);
}

/** Parse inventory YAML text; errors name `file`, the line of a YAML mistake, or the bad field. */
export function parseInventory(text: string, file: string): Inventory {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) {
    throw new ConfigurationError(
      `${file} is not valid YAML:\n${doc.errors.map((e) => `  - ${e.message.split("\n")[0]}`).join("\n")}`,
      { hint: "Fix the YAML syntax (indentation, quoting) at the line shown." },
    );
  }
  return parseWith(
    inventory,
    doc.toJS(),
    file,
    "See docs/contracts.md#slot-inventory for the fields.",
  );
}

/** Read and validate the host's slot inventory. */
export function loadInventory(
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
): LoadedInventory {
  const file = inventoryPath(explicit, env);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigurationError(
      code === "ENOENT"
        ? `No slot inventory at ${file}.`
        : `Cannot read the slot inventory ${file} (${code}).`,
      {
        hint:
          code === "ENOENT"
            ? "Create it (see packages/contracts/examples/slots.yaml) or point HIL_SLOTS at one."
            : "Make it readable by the runner's user.",
      },
    );
  }
  return { file, inventory: parseInventory(text, file) };
}
