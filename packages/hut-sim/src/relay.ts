import { randomUUID } from "node:crypto";
import { FakeServer, type RouteContext, type RouteResult, type SeenRequest } from "@hil/forge-sim";
import { z } from "zod";
import type { BoardFaults, SimBoard } from "./board";

/** Faults of the Home Assistant side of a slot. */
export interface RelayFaults {
  /** Delay every answer about this entity by this many milliseconds. */
  slowMs?: number;
  /** Answer with this HTTP status instead (401 as for a bad token, 500, …). */
  status?: number;
  /** The relay switches, but Home Assistant never reports the new state. */
  staleState?: boolean;
}

interface Entity {
  entityId: string;
  slot: string;
  board: SimBoard;
  /** What Home Assistant reports. */
  state: "on" | "off";
  lastChanged: Date;
  lastUpdated: Date;
  contextId: string;
}

const DOMAINS = ["switch", "input_boolean", "light"] as const;
const SERVICES = ["turn_on", "turn_off", "toggle"] as const;

/** Home Assistant writes timestamps with microseconds and an explicit offset. */
function haTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, ".$1000+00:00");
}

const text = (status: number, body: string): RouteResult => ({
  status,
  headers: { "content-type": "text/plain; charset=utf-8" },
  body: Buffer.from(body),
});

/** The admin route's body: simulator faults in snake_case, merged into the current ones. */
export const faultRequest = z
  .object({
    no_answer: z.boolean(),
    corrupt_frames: z.number().min(0).max(1),
    hang_after_boot: z.boolean(),
    brownout_loop: z.boolean(),
    wedged: z.boolean(),
    ha_slow_ms: z.int().min(0).max(600_000),
    ha_status: z.int().min(100).max(599),
    ha_stale_state: z.boolean(),
  })
  .partial()
  .strict();
export type FaultRequest = z.infer<typeof faultRequest>;

export interface HomeAssistantRelayOptions {
  /** The long-lived access token requests must carry. */
  token: string;
  /** Keep at most this many recorded requests (default 1000). */
  keepRequests?: number;
}

/**
 * The subset of Home Assistant's REST API that ha-power-cycle uses, on 127.0.0.1, in
 * front of relays that really switch the simulated boards: `GET /api/`,
 * `GET /api/states/<entity>`, `POST /api/services/<domain>/turn_on|turn_off|toggle`
 * with `{"entity_id": ...}` for `switch`, `input_boolean` and `light`. Every /api route
 * wants `Authorization: Bearer <token>` (401 otherwise, as HA does).
 *
 * It also serves the simulator's admin routes (no token): `GET /sim`, `GET /sim/<slot>`,
 * `POST|DELETE /sim/<slot>/fault`, `POST /sim/<slot>/brownout`,
 * `POST /sim/<slot>/boot-button {"held": true}`, `POST /sim/<slot>/power {"on": false}`.
 */
export class HomeAssistantRelay {
  private readonly server = new FakeServer();
  private readonly entities = new Map<string, Entity>();
  private readonly bySlot = new Map<string, Entity>();
  private readonly faults = new Map<string, RelayFaults>();

  constructor(private readonly options: HomeAssistantRelayOptions) {
    this.server.route(
      {
        method: "GET",
        pattern: "/api/",
        handler: (c) =>
          this.guard(c, undefined, () => ({ status: 200, body: { message: "API running." } })),
      },
      { method: "GET", pattern: "/api/states/:entity", handler: (c) => this.getState(c) },
      {
        method: "POST",
        pattern: "/api/services/:domain/:service",
        handler: (c) => this.callService(c),
      },
      { method: "GET", pattern: "/sim", handler: () => ({ status: 200, body: this.status() }) },
      {
        method: "GET",
        pattern: "/sim/:slot",
        handler: (c) => this.admin(c, (e) => ({ status: 200, body: this.slotStatus(e) })),
      },
      {
        method: "POST",
        pattern: "/sim/:slot/fault",
        handler: (c) => this.admin(c, (e) => this.postFault(c, e)),
      },
      {
        method: "DELETE",
        pattern: "/sim/:slot/fault",
        handler: (c) =>
          this.admin(c, (e) => {
            e.board.clearFaults();
            this.faults.delete(e.slot);
            return { status: 200, body: this.slotStatus(e) };
          }),
      },
      {
        method: "POST",
        pattern: "/sim/:slot/brownout",
        handler: (c) =>
          this.admin(c, (e) => {
            e.board.brownout();
            return { status: 200, body: this.slotStatus(e) };
          }),
      },
      {
        method: "POST",
        pattern: "/sim/:slot/boot-button",
        handler: (c) =>
          this.admin(c, (e) => {
            const body = z.object({ held: z.boolean() }).strict().safeParse(parseJson(c.req));
            if (!body.success)
              return { status: 400, body: { message: 'expected {"held": true|false}' } };
            e.board.setBootButton(body.data.held);
            return { status: 200, body: this.slotStatus(e) };
          }),
      },
      {
        method: "POST",
        pattern: "/sim/:slot/power",
        handler: (c) =>
          this.admin(c, (e) => {
            const body = z.object({ on: z.boolean() }).strict().safeParse(parseJson(c.req));
            if (!body.success)
              return { status: 400, body: { message: 'expected {"on": true|false}' } };
            this.switchTo(e, body.data.on ? "on" : "off");
            return { status: 200, body: this.slotStatus(e) };
          }),
      },
    );
  }

  get url(): string {
    return this.server.baseUrl;
  }

  /** Requests seen, newest last (bounded). */
  get requests(): readonly SeenRequest[] {
    return this.server.requests;
  }

  /** Put a board behind a relay entity such as `switch.hut_01_power`. */
  addBoard(slot: string, board: SimBoard, entityId: string): void {
    const now = new Date();
    const e: Entity = {
      entityId,
      slot,
      board,
      state: board.isPowered ? "on" : "off",
      lastChanged: now,
      lastUpdated: now,
      contextId: randomUUID().replace(/-/g, "").toUpperCase().slice(0, 26),
    };
    this.entities.set(entityId, e);
    this.bySlot.set(slot, e);
  }

  setFaults(slot: string, f: RelayFaults): void {
    const merged = { ...this.faults.get(slot), ...f };
    for (const k of Object.keys(merged) as (keyof RelayFaults)[])
      if (merged[k] === undefined || merged[k] === false || merged[k] === 0) delete merged[k];
    this.faults.set(slot, merged);
  }

  clearFaults(slot: string): void {
    this.faults.delete(slot);
  }

  relayFaults(slot: string): RelayFaults {
    return { ...this.faults.get(slot) };
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }

  // ------------------------------------------------------------------ Home Assistant API

  private trim(): void {
    const keep = this.options.keepRequests ?? 1000;
    const r = this.server.requests;
    if (r.length > keep) r.splice(0, r.length - keep);
  }

  private async guard(
    c: RouteContext,
    e: Entity | undefined,
    answer: () => RouteResult | Promise<RouteResult>,
  ): Promise<RouteResult> {
    this.trim();
    const f = e ? this.faults.get(e.slot) : undefined;
    if (f?.slowMs) await new Promise((r) => setTimeout(r, f.slowMs));
    const auth = c.req.headers.authorization;
    if (auth !== `Bearer ${this.options.token}`) return text(401, "401: Unauthorized");
    if (f?.status) {
      return f.status === 401
        ? text(401, "401: Unauthorized")
        : text(f.status, `${f.status}: ${f.status >= 500 ? "Internal Server Error" : "Error"}`);
    }
    return answer();
  }

  private stateObject(e: Entity): Record<string, unknown> {
    const domain = e.entityId.split(".")[0];
    const attributes: Record<string, unknown> = { friendly_name: `${e.slot} power` };
    if (domain === "light") {
      attributes.supported_color_modes = ["onoff"];
      attributes.color_mode = e.state === "on" ? "onoff" : null;
    }
    if (domain === "input_boolean") attributes.editable = true;
    return {
      entity_id: e.entityId,
      state: e.state,
      attributes,
      last_changed: haTime(e.lastChanged),
      last_reported: haTime(e.lastUpdated),
      last_updated: haTime(e.lastUpdated),
      context: { id: e.contextId, parent_id: null, user_id: null },
    };
  }

  private getState(c: RouteContext): Promise<RouteResult> {
    const e = this.entities.get(c.params.entity!);
    return this.guard(c, e, () =>
      e
        ? { status: 200, body: this.stateObject(e) }
        : { status: 404, body: { message: "Entity not found." } },
    );
  }

  private callService(c: RouteContext): Promise<RouteResult> {
    const { domain, service } = c.params as { domain: string; service: string };
    let body: unknown;
    try {
      body = parseJson(c.req);
    } catch {
      return this.guard(c, undefined, () => ({
        status: 400,
        body: { message: "Data should be valid JSON." },
      }));
    }
    const ids = entityIds(body);
    const targets = ids.map((id) => this.entities.get(id)).filter((e): e is Entity => !!e);
    return this.guard(c, targets[0], () => {
      if (
        !DOMAINS.includes(domain as (typeof DOMAINS)[number]) ||
        !SERVICES.includes(service as (typeof SERVICES)[number])
      )
        return text(400, "400: Bad Request");
      const changed: Record<string, unknown>[] = [];
      for (const e of targets) {
        // A service only acts on entities of its own domain.
        if (!e.entityId.startsWith(`${domain}.`)) continue;
        const want =
          service === "toggle"
            ? e.board.isPowered
              ? "off"
              : "on"
            : service === "turn_on"
              ? "on"
              : "off";
        if (this.switchTo(e, want)) changed.push(this.stateObject(e));
      }
      return { status: 200, body: changed };
    });
  }

  /** Switch the relay; returns whether Home Assistant reports a changed state. */
  private switchTo(e: Entity, want: "on" | "off"): boolean {
    if (want === "on") e.board.powerOn();
    else e.board.powerOff();
    if (this.faults.get(e.slot)?.staleState) return false;
    const now = new Date();
    e.lastUpdated = now;
    e.contextId = randomUUID().replace(/-/g, "").toUpperCase().slice(0, 26);
    if (e.state === want) return false;
    e.state = want;
    e.lastChanged = now;
    return true;
  }

  // ------------------------------------------------------------------ admin routes

  private admin(c: RouteContext, fn: (e: Entity) => RouteResult): RouteResult {
    this.trim();
    const e = this.bySlot.get(c.params.slot!);
    if (!e)
      return {
        status: 404,
        body: {
          message: `No simulated slot "${c.params.slot}". Known: ${[...this.bySlot.keys()].join(", ")}`,
        },
      };
    try {
      return fn(e);
    } catch (err) {
      return { status: 400, body: { message: (err as Error).message } };
    }
  }

  private postFault(c: RouteContext, e: Entity): RouteResult {
    const parsed = faultRequest.safeParse(parseJson(c.req));
    if (!parsed.success)
      return {
        status: 400,
        body: {
          message: `bad fault request: ${parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}`,
        },
      };
    applyFaults(parsed.data, e.board, (f) => this.setFaults(e.slot, f));
    return { status: 200, body: this.slotStatus(e) };
  }

  slotStatus(e: Entity): Record<string, unknown> {
    return {
      ...e.board.status(),
      slot: e.slot,
      entity: e.entityId,
      reported_state: e.state,
      relay_faults: this.relayFaults(e.slot),
    };
  }

  status(): Record<string, unknown>[] {
    return [...this.bySlot.values()].map((e) => this.slotStatus(e));
  }
}

function parseJson(req: SeenRequest): unknown {
  return req.body.length ? JSON.parse(req.body.toString("utf8")) : {};
}

function entityIds(body: unknown): string[] {
  const v = (body as { entity_id?: unknown } | null)?.entity_id;
  if (typeof v === "string") return v.split(",").map((s) => s.trim());
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  return [];
}

/** Apply a snake_case fault request to a board and its relay. */
export function applyFaults(
  f: FaultRequest,
  board: SimBoard,
  relay: (r: RelayFaults) => void,
): void {
  const b: BoardFaults = {};
  if (f.no_answer !== undefined) b.noAnswer = f.no_answer;
  if (f.corrupt_frames !== undefined) b.corruptFrames = f.corrupt_frames;
  if (f.hang_after_boot !== undefined) b.hangAfterBoot = f.hang_after_boot;
  if (f.brownout_loop !== undefined) b.brownoutLoop = f.brownout_loop;
  if (f.wedged !== undefined) b.wedged = f.wedged;
  board.setFaults(b);
  const r: RelayFaults = {};
  if (f.ha_slow_ms !== undefined) r.slowMs = f.ha_slow_ms;
  if (f.ha_status !== undefined) r.status = f.ha_status;
  if (f.ha_stale_state !== undefined) r.staleState = f.ha_stale_state;
  relay(r);
}
