import { afterEach, describe, expect, it } from "vitest";
import { SimBoard } from "../src/board";
import { HomeAssistantRelay } from "../src/relay";

const cleanups: (() => Promise<void> | void)[] = [];
/** Response bodies in these tests are whatever Home Assistant would send. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (r: Response | Promise<Response>): Promise<any> => (await r).json();
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const board = new SimBoard({ id: "hut-01" });
  const lamp = new SimBoard({ id: "hut-02" });
  const relay = await new HomeAssistantRelay({ token: "secret-token" }).start();
  relay.addBoard("hut-01", board, "switch.hut_01_power");
  relay.addBoard("hut-02", lamp, "light.hut_02_power");
  cleanups.push(
    () => board.close(),
    () => lamp.close(),
    () => relay.stop(),
  );
  const call = (method: string, path: string, body?: unknown, token = "secret-token") =>
    fetch(`${relay.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body === undefined
        ? {}
        : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
  return { board, lamp, relay, call };
}

describe("Home Assistant relay", () => {
  it("answers GET /api/ and wants the bearer token everywhere under /api", async () => {
    const { relay, call } = await setup();
    expect(relay.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ok = await call("GET", "/api/");
    expect(ok.status).toBe(200);
    expect(await json(ok)).toEqual({ message: "API running." });
    for (const [m, p] of [
      ["GET", "/api/"],
      ["GET", "/api/states/switch.hut_01_power"],
      ["POST", "/api/services/switch/turn_off"],
    ]) {
      const r = await call(
        m!,
        p!,
        m === "POST" ? { entity_id: "switch.hut_01_power" } : undefined,
        "wrong",
      );
      expect(r.status).toBe(401);
      expect(await r.text()).toBe("401: Unauthorized");
    }
    const none = await fetch(`${relay.url}/api/`);
    expect(none.status).toBe(401);
  });

  it("returns Home Assistant's state object shape", async () => {
    const { call } = await setup();
    const r = await call("GET", "/api/states/switch.hut_01_power");
    expect(r.status).toBe(200);
    const s = await json(r);
    expect(s).toMatchObject({
      entity_id: "switch.hut_01_power",
      state: "on",
      attributes: { friendly_name: "hut-01 power" },
    });
    for (const k of ["last_changed", "last_updated", "last_reported"])
      expect(s[k]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    expect(s.context).toMatchObject({ parent_id: null });
    const missing = await call("GET", "/api/states/switch.nope");
    expect(missing.status).toBe(404);
    expect(await json(missing)).toEqual({ message: "Entity not found." });
  });

  it("really switches the board: off goes silent, on boots like a power-on", async () => {
    const { board, call } = await setup();
    const off = await call("POST", "/api/services/switch/turn_off", {
      entity_id: "switch.hut_01_power",
    });
    expect(off.status).toBe(200);
    const changed = await json(off);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ entity_id: "switch.hut_01_power", state: "off" });
    expect(board.isPowered).toBe(false);
    expect(board.mode).toBe("off");
    // Already off: nothing changes.
    expect(
      await json(
        call("POST", "/api/services/switch/turn_off", { entity_id: "switch.hut_01_power" }),
      ),
    ).toEqual([]);
    const on = await call("POST", "/api/services/switch/turn_on", {
      entity_id: "switch.hut_01_power",
    });
    expect((await json(on))[0]).toMatchObject({ state: "on" });
    expect(board.isPowered).toBe(true);
    expect((await json(call("GET", "/api/states/switch.hut_01_power"))).state).toBe("on");
  });

  it("serves the light and input_boolean domains and ignores entities of another domain", async () => {
    const { lamp, call } = await setup();
    expect(
      await json(
        call("POST", "/api/services/switch/turn_off", { entity_id: "light.hut_02_power" }),
      ),
    ).toEqual([]);
    expect(lamp.isPowered).toBe(true);
    const r = await call("POST", "/api/services/light/turn_off", {
      entity_id: "light.hut_02_power",
    });
    expect((await json(r))[0]).toMatchObject({ state: "off", attributes: { color_mode: null } });
    expect(lamp.isPowered).toBe(false);
  });

  it("rejects bad requests as Home Assistant does", async () => {
    const { call } = await setup();
    expect(
      (await call("POST", "/api/services/switch/explode", { entity_id: "switch.hut_01_power" }))
        .status,
    ).toBe(400);
    const bad = await call("POST", "/api/services/switch/turn_off", "{not json");
    expect(bad.status).toBe(400);
    expect(await json(bad)).toEqual({ message: "Data should be valid JSON." });
  });

  it("faults: slow answers, forced statuses and a state that never updates", async () => {
    const { board, relay, call } = await setup();
    relay.setFaults("hut-01", { slowMs: 300 });
    const t = Date.now();
    expect((await call("GET", "/api/states/switch.hut_01_power")).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(290);
    relay.setFaults("hut-01", { slowMs: 0, status: 500 });
    const e = await call("POST", "/api/services/switch/turn_off", {
      entity_id: "switch.hut_01_power",
    });
    expect(e.status).toBe(500);
    expect(board.isPowered).toBe(true); // nothing happened
    relay.setFaults("hut-01", { status: 401 });
    expect((await call("GET", "/api/states/switch.hut_01_power")).status).toBe(401);
    relay.clearFaults("hut-01");
    relay.setFaults("hut-01", { staleState: true });
    const off = await call("POST", "/api/services/switch/turn_off", {
      entity_id: "switch.hut_01_power",
    });
    expect(await json(off)).toEqual([]);
    expect(board.isPowered).toBe(false); // the relay clicked…
    expect((await json(call("GET", "/api/states/switch.hut_01_power"))).state).toBe("on"); // …HA never noticed
  });

  it("admin routes set and clear faults, press the BOOT button, cut power, brown out", async () => {
    const { board, relay } = await setup();
    const post = (p: string, body?: unknown) =>
      fetch(`${relay.url}${p}`, {
        method: "POST",
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const r = await post("/sim/hut-01/fault", {
      no_answer: true,
      corrupt_frames: 0.5,
      ha_status: 500,
    });
    expect(r.status).toBe(200);
    expect(await json(r)).toMatchObject({
      faults: { noAnswer: true, corruptFrames: 0.5 },
      relay_faults: { status: 500 },
    });
    expect(board.faults).toEqual({ noAnswer: true, corruptFrames: 0.5 });
    const bad = await post("/sim/hut-01/fault", { no_answr: true });
    expect(bad.status).toBe(400);
    expect((await json(bad)).message).toMatch(/bad fault request/);
    expect((await fetch(`${relay.url}/sim/hut-01/fault`, { method: "DELETE" })).status).toBe(200);
    expect(board.faults).toEqual({});
    expect(relay.relayFaults("hut-01")).toEqual({});
    await post("/sim/hut-01/boot-button", { held: true });
    expect(board.status().bootButton).toBe(true);
    await post("/sim/hut-01/power", { on: false });
    expect(board.isPowered).toBe(false);
    expect((await post("/sim/hut-09/power", { on: false })).status).toBe(404);
    const list = await json(fetch(`${relay.url}/sim`));
    expect(list.map((s: { slot: string }) => s.slot)).toEqual(["hut-01", "hut-02"]);
  });
});
