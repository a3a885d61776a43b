import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ConfigurationError, inventory, parseWith, type InventoryInput } from "@hil/contracts";
import { stringify } from "yaml";
import { SimBoard, type SimBoardOptions } from "./board";
import { PtyBridge } from "./pty-bridge";
import { HomeAssistantRelay } from "./relay";
import { Rfc2217Server } from "./rfc2217-server";

/** Environment variable the simulator's Home Assistant token is read from and named in inventories. */
export const SIM_TOKEN_ENV = "HIL_SIM_HA_TOKEN";
export const DEFAULT_SIM_DIR = "/tmp/hil-sim";

export interface SimLabOptions {
  /** How many boards (ids hut-01, hut-02, …), or explicit slot ids. */
  slots: number | string[];
  /** Where pty links (`<dir>/<slot>`) and persisted flash (`<dir>/flash/<slot>.bin`) live. */
  dir?: string;
  /** Give each board a pseudo-terminal (needs socat). Default true. */
  pty?: boolean;
  /** Give each board an RFC 2217 server. Default true. */
  rfc2217?: boolean;
  /** Keep each board's flash in `<dir>/flash/<slot>.bin` across runs. */
  persist?: boolean;
  /** Boards power up with GPIO0 held low (download mode); later resets boot the app. */
  startInDownloadMode?: boolean;
  /** Home Assistant token (default: $HIL_SIM_HA_TOKEN, else random). */
  token?: string;
  flashSize?: number;
  enDelayMs?: SimBoardOptions["enDelayMs"];
  trace?: (msg: string) => void;
}

/** How to reach one simulated board; `hil sim` prints one of these per line. */
export interface SlotEndpoints {
  slot: string;
  label: string;
  mac: string;
  pty?: string;
  rfc2217?: string;
  ha_url: string;
  entity: string;
  token: string;
  token_env: string;
  /** Admin routes for faults (`POST <admin>/fault`). */
  admin: string;
}

export interface SimInventoryOptions {
  /** Which door the slots' `port` uses. Default `rfc2217` (DTR/RTS reset works). */
  port?: "pty" | "rfc2217";
  /** Base for lock_dir, cache_dir, state_dir. */
  baseDir: string;
  baud?: number;
  consoleBaud?: number;
}

export function slotIds(slots: number | string[]): string[] {
  if (Array.isArray(slots)) return slots;
  if (!Number.isInteger(slots) || slots < 1 || slots > 64)
    throw new ConfigurationError(`--slots must be a whole number from 1 to 64, got ${slots}.`);
  return Array.from({ length: slots }, (_, i) => `hut-${String(i + 1).padStart(2, "0")}`);
}

/**
 * Several simulated boards in one process with their doors: a pty and an RFC 2217
 * server each, and one Home Assistant with a relay entity per board. Everything listens
 * on 127.0.0.1 only.
 */
export class SimLab {
  readonly boards = new Map<string, SimBoard>();
  readonly ptys = new Map<string, PtyBridge>();
  readonly rfc2217 = new Map<string, Rfc2217Server>();
  readonly relay: HomeAssistantRelay;
  readonly token: string;
  readonly dir: string;

  private constructor(readonly options: SimLabOptions) {
    this.dir = resolve(options.dir ?? DEFAULT_SIM_DIR);
    this.token = options.token ?? process.env[SIM_TOKEN_ENV] ?? randomBytes(24).toString("hex");
    this.relay = new HomeAssistantRelay({ token: this.token });
  }

  static async start(options: SimLabOptions): Promise<SimLab> {
    const lab = new SimLab(options);
    try {
      await lab.init();
    } catch (e) {
      await lab.close();
      throw e;
    }
    return lab;
  }

  private async init(): Promise<void> {
    const o = this.options;
    mkdirSync(this.dir, { recursive: true });
    if (o.persist) mkdirSync(join(this.dir, "flash"), { recursive: true });
    for (const id of slotIds(o.slots)) {
      const board = new SimBoard({
        id,
        ...(o.flashSize ? { flashSize: o.flashSize } : {}),
        ...(o.persist ? { flashFile: join(this.dir, "flash", `${id}.bin`) } : {}),
        ...(o.startInDownloadMode ? { startInDownloadMode: true } : {}),
        ...(o.enDelayMs !== undefined ? { enDelayMs: o.enDelayMs } : {}),
        ...(o.trace ? { trace: o.trace } : {}),
      });
      this.boards.set(id, board);
      this.relay.addBoard(id, board, entityFor(id));
    }
    await this.relay.start();
    for (const [id, board] of this.boards) {
      if (o.rfc2217 !== false) this.rfc2217.set(id, await new Rfc2217Server(board).start());
      if (o.pty !== false)
        this.ptys.set(
          id,
          await new PtyBridge(board, join(this.dir, id), o.trace ? { trace: o.trace } : {}).start(),
        );
    }
  }

  board(id: string): SimBoard {
    const b = this.boards.get(id);
    if (!b)
      throw new ConfigurationError(
        `No simulated slot "${id}"; the lab has ${[...this.boards.keys()].join(", ")}.`,
      );
    return b;
  }

  endpoints(): SlotEndpoints[] {
    return [...this.boards.values()].map((b) => {
      const pty = this.ptys.get(b.id);
      const rfc = this.rfc2217.get(b.id);
      return {
        slot: b.id,
        label: `esp32-${b.id}`,
        mac: b.mac,
        ...(pty ? { pty: pty.path } : {}),
        ...(rfc ? { rfc2217: rfc.url } : {}),
        ha_url: this.relay.url,
        entity: entityFor(b.id),
        token: this.token,
        token_env: SIM_TOKEN_ENV,
        admin: `${this.relay.url}/sim/${b.id}`,
      };
    });
  }

  /** A slot inventory (validated against the contract) that points at these boards. */
  inventory(o: SimInventoryOptions): InventoryInput {
    const door = o.port ?? "rfc2217";
    const base = resolve(o.baseDir);
    const doc: InventoryInput = {
      version: 1,
      lock_dir: join(base, "lock"),
      cache_dir: join(base, "cache"),
      state_dir: join(base, "state"),
      slots: this.endpoints().map((e) => {
        const port = door === "pty" ? e.pty : e.rfc2217;
        if (!port)
          throw new ConfigurationError(
            `The simulator was started without ${door} doors; cannot list them in an inventory.`,
          );
        return {
          id: e.slot,
          label: e.label,
          chip: "esp32" as const,
          port,
          baud: o.baud ?? 921600,
          console_baud: o.consoleBaud ?? 115200,
          // A pty has no DTR/RTS: such a slot is reset through its power.
          reset: door === "pty" ? ("none" as const) : ("classic" as const),
          mac: e.mac,
          power: {
            url: e.ha_url,
            token_env: SIM_TOKEN_ENV,
            entity: e.entity,
            off_sec: 0.5,
            settle_sec: 0.5,
            timeout_sec: 5,
            cooldown_sec: 0,
          },
        };
      }),
    };
    parseWith(inventory, doc, "simulator inventory");
    return doc;
  }

  /** Write `inventory()` as YAML and create its lock/cache/state dirs. */
  writeInventory(file: string, o: SimInventoryOptions): InventoryInput {
    const doc = this.inventory(o);
    for (const d of [doc.lock_dir, doc.cache_dir, doc.state_dir])
      if (d) mkdirSync(d, { recursive: true });
    mkdirSync(dirname(resolve(file)), { recursive: true });
    writeFileSync(
      file,
      `# Written by hil sim: simulated boards on 127.0.0.1. Export ${SIM_TOKEN_ENV} with the token it printed.\n${stringify(doc)}`,
    );
    return doc;
  }

  async close(): Promise<void> {
    await Promise.all([...this.ptys.values()].map((p) => p.close()));
    await Promise.all([...this.rfc2217.values()].map((s) => s.close()));
    await this.relay.stop().catch(() => undefined);
    for (const b of this.boards.values()) b.close();
  }
}

/** `hut-01` → `switch.hut_01_power`. */
export function entityFor(slot: string): string {
  return `switch.${slot.replace(/[^a-z0-9]/g, "_")}_power`;
}
