import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The hil-actions checkout this code runs from (where actions/ and runner-hooks/ are): walked up
 * from this file, which is packages/lab/src in a checkout and packages/cli/dist in the bundle.
 */
export function repoRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (
      existsSync(join(dir, "actions", "hil-flash", "action.yml")) &&
      existsSync(join(dir, "runner-hooks"))
    )
      return dir;
    if (dirname(dir) === dir) {
      throw new Error(
        `Not inside a hil-actions checkout (looked upwards from ${from}); run the demo from one.`,
      );
    }
  }
}

/**
 * The Node that runs the actions (`runs.using: node24` on GitHub): the Node 24 that
 * scripts/ensure-node24.mjs installs under .tools/node24 when it is there, else this one.
 */
export function actionsNode(root = repoRoot()): string {
  const n24 = join(
    root,
    ".tools",
    "node24",
    "node_modules",
    `node-${process.platform}-${process.arch}`,
    "bin",
    "node",
  );
  return existsSync(n24) ? n24 : process.execPath;
}
