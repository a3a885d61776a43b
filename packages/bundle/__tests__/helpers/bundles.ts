import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Host } from "@hil/host";
import { packBundle, type BundleSource, type Download, type PackedBundle } from "../../src/index";
import { makeIdfBuild, type IdfFixtureOptions } from "./idf-fixture";

export const SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";
export const OTHER_SHA = "1111111111111111111111111111111111111111";

/** Temp dirs of one test file, removed by `cleanup()`. */
export class Scratch {
  private readonly dirs: string[] = [];
  dir(prefix = "hil-bundle-test-"): string {
    const d = mkdtempSync(join(tmpdir(), prefix));
    this.dirs.push(d);
    return d;
  }
  cleanup(): void {
    for (const d of this.dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  }
}

/** Build a fixture ESP-IDF build dir and pack it (dir + zip) for `sha`. */
export async function fixtureBundle(
  scratch: Scratch,
  sha = SHA,
  fixture: IdfFixtureOptions = {},
): Promise<PackedBundle & { zipPath: string }> {
  const root = scratch.dir();
  const packed = await packBundle({
    buildDir: makeIdfBuild(join(root, "build"), fixture),
    outDir: join(root, "bundle"),
    sha,
    repo: "acme/thermostat-fw",
    zipPath: join(root, `fw-${sha}.zip`),
    buildTime: new Date("2026-11-21T10:09:47Z"),
  });
  return packed as PackedBundle & { zipPath: string };
}

/** Wraps a source and counts the downloads that reached it. */
export class CountingSource implements BundleSource {
  downloads = 0;
  readonly kind: string;
  constructor(private readonly inner: BundleSource) {
    this.kind = inner.kind;
  }
  describe(sha: string): string {
    return this.inner.describe(sha);
  }
  identity(sha: string): Promise<string | undefined> {
    return this.inner.identity(sha);
  }
  async download(sha: string, workDir: string, host: Host): Promise<Download> {
    this.downloads++;
    return this.inner.download(sha, workDir, host);
  }
}

/** Everything in the cache except the empty layout and lock-free dirs: what a refusal must not leave. */
export function cacheLeftovers(cacheDir: string): string[] {
  const root = join(cacheDir, "bundles");
  const out: string[] = [];
  for (const sub of ["store", "meta", "refs", "pins", "tmp", "locks"]) {
    let names: string[];
    try {
      names = readdirSync(join(root, sub));
    } catch {
      continue;
    }
    for (const n of names) out.push(`${sub}/${n}`);
  }
  return out;
}
