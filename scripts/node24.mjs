import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const NODE24_VERSION = "24.9.0";
const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Where scripts/ensure-node24.mjs puts the Node 24 binary. */
export function node24Path() {
  return join(
    root,
    ".tools",
    "node24",
    "node_modules",
    `node-${process.platform}-${process.arch}`,
    "bin",
    "node",
  );
}
