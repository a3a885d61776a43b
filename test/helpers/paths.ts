import { join } from "node:path";
import { actionsNode } from "@hil/lab";

export const ROOT = join(import.meta.dirname, "..", "..");

/**
 * The Node that runs bundles in end-to-end tests: Node 24 (what `runs.using: node24` gets on
 * GitHub) when scripts/ensure-node24.mjs installed it, else this Node. HIL_TEST_NODE overrides.
 */
export function bundleNode(): string {
  if (process.env.HIL_TEST_NODE) return process.env.HIL_TEST_NODE;
  return actionsNode(ROOT);
}

export const actionDist = (name: string) => join(ROOT, "actions", name, "dist", "index.js");
export const hooksDist = join(ROOT, "runner-hooks", "dist", "index.js");
export const cliDist = join(ROOT, "packages", "cli", "dist", "index.js");
