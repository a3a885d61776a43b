// Rebuild every bundle and fail when the committed dist/ differs (a stale bundle would
// ship code nobody reviewed). Same idea as codeql-action's check-js.sh.
import { execFileSync } from "node:child_process";
import { ENTRIES } from "./entries.mjs";

execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
const outs = ENTRIES.map((e) => e.out);
const status = execFileSync(
  "git",
  ["status", "--porcelain", "--untracked-files=all", "--", ...outs],
  {
    encoding: "utf8",
  },
);
if (status.trim()) {
  console.error(
    "\nThe committed bundles are stale. Run `npm run build` and commit these files:\n" + status,
  );
  console.error(execFileSync("git", ["diff", "--stat", "--", ...outs], { encoding: "utf8" }));
  process.exit(1);
}
console.log("dist/ is up to date");
