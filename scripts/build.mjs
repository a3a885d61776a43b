// Bundle every entry point with @vercel/ncc (ESM output), two at a time.
// usage: node scripts/build.mjs [name...]
import { spawn } from "node:child_process";
import { cpSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { ENTRIES } from "./entries.mjs";

const require = createRequire(import.meta.url);
const ncc = require.resolve("@vercel/ncc/dist/ncc/cli.js");

// ncc does not carry native addons. A bundle that contains serialport gets its prebuilt
// bindings in <dist>/prebuilds, where packages/serial/src/internal/bundled-require.ts makes
// node-gyp-build look. The platforms a lab host runs on: Linux (x64, Raspberry Pi arm/arm64),
// macOS, Windows x64.
const SERIALPORT_PLATFORMS = [
  "linux-x64",
  "linux-arm64",
  "linux-arm",
  "darwin-x64+arm64",
  "win32-x64",
];
const serialportPrebuilds = join(
  dirname(require.resolve("@serialport/bindings-cpp/package.json")),
  "prebuilds",
);

function addNativeBindings(entry) {
  const chunks = readdirSync(entry.out).filter((f) => f.endsWith(".js"));
  if (
    !chunks.some((f) =>
      readFileSync(join(entry.out, f), "utf8").includes("serialport/bindings-cpp"),
    )
  )
    return;
  for (const platform of SERIALPORT_PLATFORMS) {
    cpSync(join(serialportPrebuilds, platform), join(entry.out, "prebuilds", platform), {
      recursive: true,
    });
  }
}
const wanted = process.argv.slice(2);
const entries = wanted.length ? ENTRIES.filter((e) => wanted.includes(e.name)) : ENTRIES;
if (wanted.length && entries.length !== wanted.length) {
  console.error(`unknown entry; known: ${ENTRIES.map((e) => e.name).join(", ")}`);
  process.exit(2);
}

function bundle(entry) {
  rmSync(entry.out, { recursive: true, force: true });
  return new Promise((resolve, reject) => {
    const args = [
      ncc,
      "build",
      entry.src,
      "-o",
      entry.out,
      "--target",
      "es2022",
      // One licence file per chunk: a plain name would be overwritten by the last chunk.
      "--license",
      "[name].licenses.txt",
      "-q",
    ];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "inherit", "inherit"] });
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`ncc failed for ${entry.name} (exit ${code})`));
      addNativeBindings(entry);
      resolve();
    });
  });
}

const started = Date.now();
const queue = [...entries];
const workers = Array.from({ length: 2 }, async () => {
  for (let e = queue.shift(); e; e = queue.shift()) {
    const t = Date.now();
    await bundle(e);
    console.log(`built ${e.out}/index.js (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
});
try {
  await Promise.all(workers);
  console.log(`${entries.length} bundle(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
