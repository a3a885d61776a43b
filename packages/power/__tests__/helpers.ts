import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  inventory as inventorySchema,
  parseWith,
  type Inventory,
  type InventoryInput,
} from "@hil/contracts";
import { RecordingHost } from "@hil/host";
import { buildTestFirmware, installFirmware, SimLab, type SimBoard } from "@hil/hut-sim";
import { stringify } from "yaml";

/** A token shaped like Home Assistant's (a JWT); every test checks it never shows. */
export const TOKEN =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodXQtbGFiIn0.sim-lab-token-that-must-never-leak";

/** An app that prints one line per boot and then hangs: the board a power cycle is for. */
export const HUNG_APP = 'print "app up: boot ${boot} reason ${reset_reason}"\nhang\n';

export interface TestLab {
  lab: SimLab;
  dir: string;
  /** Validated inventory (defaults applied), slots on RFC 2217. */
  inventory: Inventory;
  /** The raw document, to derive variants from. */
  doc: InventoryInput;
  env: NodeJS.ProcessEnv;
  board(id: string): SimBoard;
  /** Every power change of a board, with its time. */
  powerLog(id: string): { on: boolean; at: number }[];
  /** Service calls the relay saw for an entity, in order: `turn_off`, `turn_on`, … */
  services(entity: string): string[];
  close(): Promise<void>;
}

/**
 * A simulated lab (RFC 2217 doors, no pty) whose boards run HUNG_APP, with an inventory whose
 * power settings are short but real: off 0.3 s, settle 0.2 s, timeout 2 s, 2 retries, no cooldown.
 */
export async function startLab(
  slots = 2,
  power: Partial<NonNullable<InventoryInput["slots"][number]["power"]>> = {},
): Promise<TestLab> {
  const dir = mkdtempSync(join(tmpdir(), "hil-power-"));
  const lab = await SimLab.start({ slots, dir, pty: false, token: TOKEN });
  const fw = buildTestFirmware({ dir: join(dir, "fw"), script: HUNG_APP });
  const logs = new Map<string, { on: boolean; at: number }[]>();
  for (const [id, board] of lab.boards) {
    installFirmware(board.flash, fw.images);
    const log: { on: boolean; at: number }[] = [];
    logs.set(id, log);
    board.on("power", (on: boolean) => log.push({ on, at: Date.now() }));
  }
  const doc = lab.inventory({ baseDir: dir });
  for (const s of doc.slots)
    s.power = {
      ...s.power!,
      off_sec: 0.3,
      settle_sec: 0.2,
      timeout_sec: 2,
      max_retries: 2,
      cooldown_sec: 0,
      ...power,
    };
  const inventory = parseWith(inventorySchema, doc, "test inventory");
  return {
    lab,
    dir,
    inventory,
    doc,
    env: { HIL_SIM_HA_TOKEN: TOKEN },
    board: (id) => lab.board(id),
    powerLog: (id) => logs.get(id)!,
    services: (entity) =>
      lab.relay.requests
        .filter(
          (r) =>
            r.method === "POST" &&
            r.path.startsWith("/api/services/") &&
            r.body.toString().includes(`"${entity}"`),
        )
        .map((r) => r.path.split("/").pop()!),
    close: () => lab.close(),
  };
}

/** A variant of the lab's inventory (e.g. another entity, a dead URL), validated. */
export function variant(t: TestLab, edit: (doc: InventoryInput) => void): Inventory {
  const doc = structuredClone(t.doc);
  edit(doc);
  return parseWith(inventorySchema, doc, "test inventory variant");
}

/** Write the lab's inventory (or a variant document) as YAML for HIL_SLOTS; returns the file. */
export function writeInventory(
  t: TestLab,
  doc: InventoryInput = t.doc,
  name = "slots.yaml",
): string {
  const file = join(t.dir, name);
  writeFileSync(file, stringify(doc));
  return file;
}

/** A host that records what a user would see; `echo` sees each line as it is written. */
export function recorder(echo?: (line: string) => void): RecordingHost {
  return new RecordingHost(echo);
}

/** Everything a run left for people to read, to check for the token. */
export function everything(host: RecordingHost, ...more: unknown[]): string {
  return [
    host.text(),
    JSON.stringify(host.outputs),
    host.summary,
    ...more.map((m) => (typeof m === "string" ? m : JSON.stringify(m))),
  ].join("\n");
}

export function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/** A 127.0.0.1 port nothing listens on. */
export async function deadPort(): Promise<number> {
  const { createServer } = await import("node:net");
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
