import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/*
 * serialport's native binding is found by node-gyp-build, which calls `eval("require")` and
 * looks in `join(__dirname, "../")/prebuilds/<platform>-<arch>/`. Inside our ESM ncc bundles
 * neither `require` nor `__dirname` exist, so the binding would fail to load. Give them the
 * values node-gyp-build needs: a `require` for this file, and a `__dirname` one level below
 * the bundle, so it searches `<dist>/prebuilds/` — where scripts/build.mjs copies the
 * prebuilt binaries. Unbundled (tests, tsx), serialport is CommonJS with its own `require` and
 * `__dirname`, and these globals are never consulted.
 */
const g = globalThis as { require?: unknown; __dirname?: unknown };
if (typeof g.require !== "function") g.require = createRequire(import.meta.url);
if (typeof g.__dirname !== "string")
  g.__dirname = join(dirname(fileURLToPath(import.meta.url)), "native");
