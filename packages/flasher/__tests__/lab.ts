import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packBundle, MANIFEST_FILE } from "@hil/bundle";
import type { InventoryInput, JournalEntry } from "@hil/contracts";
import { SimLab, SIM_TOKEN_ENV, buildTestFirmware, type SimLabOptions } from "@hil/hut-sim";
import { Journal } from "@hil/journal";
import { stringify } from "yaml";

/** The commit test/helpers/run-action.ts gives every action run (GITHUB_SHA). */
export const JOB_SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";
/** The job id run-action's GITHUB_* variables make. */
export const JOB_ID = "gh-8121934471-1-hil";

export const md5 = (b: Uint8Array) => createHash("md5").update(b).digest("hex");
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

type Slot = InventoryInput["slots"][number];

/**
 * A simulated lab for flashing tests: boards with RFC 2217 and pty doors, an inventory
 * (RFC 2217 slots with the classic reset; `ptySlot` switches one to its pty with reset: none),
 * bundles built from the simulator's ESP-IDF-shaped firmware, and a job dir whose journal
 * the tests read.
 */
export class FlashLab {
  readonly inventoryFile: string;
  readonly jobDir: string;
  private n = 0;

  private constructor(
    readonly dir: string,
    readonly lab: SimLab,
  ) {
    this.inventoryFile = join(dir, "slots.yaml");
    this.jobDir = join(dir, "state", "jobs", JOB_ID);
    mkdirSync(this.jobDir, { recursive: true });
  }

  static async start(o: Partial<SimLabOptions> = {}): Promise<FlashLab> {
    const dir = mkdtempSync(join(tmpdir(), "hil-flash-"));
    const lab = await SimLab.start({ slots: 2, dir, startInDownloadMode: true, ...o });
    const l = new FlashLab(dir, lab);
    l.writeInventory();
    return l;
  }

  board(id = "hut-01") {
    return this.lab.board(id);
  }

  endpoint(id = "hut-01") {
    return this.lab.endpoints().find((e) => e.slot === id)!;
  }

  /** The inventory as the simulator makes it, changed by `edit` (per slot), written to inventoryFile. */
  writeInventory(edit: (slot: Slot) => void = () => undefined): InventoryInput {
    const doc = this.lab.inventory({ port: "rfc2217", baseDir: this.dir });
    for (const s of doc.slots) edit(s);
    for (const d of [doc.lock_dir, doc.cache_dir, doc.state_dir])
      if (d) mkdirSync(d, { recursive: true });
    writeFileSync(this.inventoryFile, stringify(doc));
    return doc;
  }

  /** Inventory edit: slot `id` on its pty, which has no DTR/RTS (reset: none). */
  ptySlot(id: string): (slot: Slot) => void {
    return (s) => {
      if (s.id !== id) return;
      s.port = this.endpoint(id).pty!;
      s.reset = "none";
    };
  }

  /** A bundle (directory) of a freshly built test firmware. */
  async bundle(o: { appSize?: number; seed?: string; flashSize?: "4MB" | "8MB" } = {}) {
    const name = `fw${++this.n}`;
    const fw = buildTestFirmware({
      dir: join(this.dir, `${name}-build`),
      script: "print hello from the flashed app\nend",
      appSize: o.appSize ?? 160 * 1024,
      seed: o.seed ?? name,
      ...(o.flashSize ? { flashSize: o.flashSize } : {}),
    });
    const packed = await packBundle({
      buildDir: fw.dir,
      outDir: join(this.dir, name),
      sha: JOB_SHA,
      buildTime: new Date("2026-11-21T10:00:00Z"),
    });
    return { dir: packed.dir, manifest: packed.manifest, images: fw.images };
  }

  /**
   * A copy of `bundle` with `edit` applied to its manifest and app image (the manifest's size
   * and sha256 of the app follow the edited bytes unless `keepManifestHashes`).
   */
  variant(
    bundleDir: string,
    edit: { app?: (bytes: Buffer) => void; manifest?: (m: Record<string, unknown>) => void },
    keepManifestHashes = false,
  ): string {
    const dir = join(this.dir, `variant${++this.n}`);
    cpSync(bundleDir, dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), "utf8")) as {
      images: { name?: string; file: string; size: number; sha256: string }[];
    } & Record<string, unknown>;
    if (edit.app) {
      const app = manifest.images.find((i) => i.name === "app")!;
      const bytes = readFileSync(join(dir, app.file));
      edit.app(bytes);
      writeFileSync(join(dir, app.file), bytes);
      if (!keepManifestHashes) {
        app.size = bytes.length;
        app.sha256 = sha256(bytes);
      }
    }
    edit.manifest?.(manifest);
    writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + "\n");
    return dir;
  }

  /** The image files of a bundle dir, as [offset, bytes]. */
  imagesOf(bundleDir: string): [number, Buffer][] {
    const m = JSON.parse(readFileSync(join(bundleDir, MANIFEST_FILE), "utf8")) as {
      images: { offset: number; file: string }[];
    };
    return m.images.map((i) => [i.offset, readFileSync(join(bundleDir, i.file))]);
  }

  /** Whether the board's flash holds every image of the bundle. */
  holds(bundleDir: string, id = "hut-01"): boolean {
    const flash = this.board(id).flash;
    return this.imagesOf(bundleDir).every(
      ([offset, bytes]) => md5(flash.read(offset, bytes.length)) === md5(bytes),
    );
  }

  /** The environment an action run needs to find the lab: inventory, slot, HA token, job dir. */
  env(slot = "hut-01", extra: Record<string, string | undefined> = {}) {
    return {
      HIL_SLOTS: this.inventoryFile,
      HIL_SLOT: slot,
      HIL_JOB_DIR: this.jobDir,
      [SIM_TOKEN_ENV]: this.lab.token,
      ...extra,
    };
  }

  /** The job journal's entries so far, and forget them (each test reads its own). */
  takeJournal(): JournalEntry[] {
    const j = new Journal(join(this.jobDir, "journal.jsonl"));
    const { entries } = j.read();
    rmSync(j.path, { force: true });
    return entries;
  }

  healthOf(slot = "hut-01"): { consecutive_failures: number } | undefined {
    try {
      return JSON.parse(readFileSync(join(this.dir, "state", "health", `${slot}.json`), "utf8"));
    } catch {
      return undefined;
    }
  }

  async close(): Promise<void> {
    await this.lab.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
