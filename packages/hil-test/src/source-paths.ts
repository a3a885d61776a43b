import { existsSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { relativeTo } from "@hil/judge";

/**
 * The judge's `relativize` for a hardware runner: Unity and asserts print the absolute paths
 * of the machine that BUILT the firmware (`/home/runner/work/fw/fw/main/test_pwm.c` on a
 * GitHub-hosted runner, `/builds/acme/fw/...` on GitLab), which is not where the hardware
 * runner checked the repository out. So:
 *
 * 1. strip the longest of `roots` (the build's source dir when known, the workspace);
 * 2. else, when a workspace is known, the longest tail of the path that exists in it
 *    (`main/test_pwm.c`), so annotations land on the file in the repository;
 * 3. else keep the path as printed.
 *
 * Answers are cached: a run prints few distinct files.
 */
export function sourcePaths(o: {
  workspace?: string | undefined;
  roots?: readonly (string | undefined)[];
}): (file: string) => string {
  const strip = relativeTo([...(o.roots ?? []), o.workspace]);
  const cache = new Map<string, string>();
  return (file) => {
    let out = cache.get(file);
    if (out !== undefined) return out;
    out = strip(file);
    if (out === file && o.workspace && isAbsolute(file)) {
      const parts = file.split(/[\\/]+/).filter(Boolean);
      for (let i = 1; i < parts.length; i++) {
        const tail = parts.slice(i).join("/");
        if (existsSync(join(o.workspace, tail))) {
          out = tail;
          break;
        }
      }
    }
    cache.set(file, out);
    return out;
  };
}
