import { afterEach, describe, expect, it } from "vitest";
import { ConfigurationError, describeError } from "@hil/contracts";
import { HomeAssistantRelay, SimBoard } from "@hil/hut-sim";
import {
  HomeAssistantClient,
  HomeAssistantPower,
  homeAssistantBaseUrl,
  PowerError,
  powerDomain,
} from "../src/index";
import { deadPort, TOKEN } from "./helpers";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** One Home Assistant with a relay per domain a lab uses. */
async function setup() {
  const relay = await new HomeAssistantRelay({ token: TOKEN }).start();
  const boards = {
    switch: new SimBoard({ id: "hut-01" }),
    input_boolean: new SimBoard({ id: "hut-02" }),
    light: new SimBoard({ id: "hut-03" }),
  };
  relay.addBoard("hut-01", boards.switch, "switch.hut_01_power");
  relay.addBoard("hut-02", boards.input_boolean, "input_boolean.hut_02_power");
  relay.addBoard("hut-03", boards.light, "light.hut_03_power");
  cleanups.push(() => relay.stop());
  for (const b of Object.values(boards)) cleanups.push(() => b.close());
  const power = (entity: string, o: { token?: string; timeoutMs?: number; url?: string } = {}) => {
    const p = new HomeAssistantPower({
      url: o.url ?? relay.url,
      token: o.token ?? TOKEN,
      tokenSource: "the variable HIL_SIM_HA_TOKEN",
      entity,
      timeoutMs: o.timeoutMs ?? 2000,
      pollMs: 20,
    });
    cleanups.push(() => p.close());
    return p;
  };
  return { relay, boards, power };
}

async function failure(p: Promise<unknown>): Promise<PowerError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PowerError);
  expect(describeError(e)).not.toContain(TOKEN);
  return e as PowerError;
}

describe("HomeAssistantPower", () => {
  it("switches switch, input_boolean and light relays and confirms each through the state", async () => {
    const { relay, boards, power } = await setup();
    for (const [entity, board] of [
      ["switch.hut_01_power", boards.switch],
      ["input_boolean.hut_02_power", boards.input_boolean],
      ["light.hut_03_power", boards.light],
    ] as const) {
      const p = power(entity);
      expect(await p.state()).toBe("on");
      expect(await p.off()).toBeGreaterThanOrEqual(0);
      expect(board.isPowered).toBe(false);
      expect(await p.state()).toBe("off");
      await p.on();
      expect(board.isPowered).toBe(true);
      const domain = entity.split(".")[0];
      const calls = relay.requests.filter((r) => r.method === "POST" && r.body.includes(entity));
      expect(calls.map((r) => r.path)).toEqual([
        `/api/services/${domain}/turn_off`,
        `/api/services/${domain}/turn_on`,
      ]);
      // The service call carries the entity and the bearer token; each is confirmed by a GET.
      expect(JSON.parse(calls[0]!.body.toString())).toEqual({ entity_id: entity });
      expect(calls[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(calls[0]!.headers["content-type"]).toBe("application/json");
      const gets = relay.requests.filter((r) => r.path === `/api/states/${entity}`);
      expect(gets.length).toBeGreaterThanOrEqual(4);
    }
  });

  it("cycles: off, the off time, on, the settle time", async () => {
    const { boards, power } = await setup();
    const seen: boolean[] = [];
    boards.light.on("power", (on: boolean) => seen.push(on));
    let marked = false;
    const t = await power("light.hut_03_power").cycle({
      offMs: 150,
      settleMs: 50,
      beforeOn: () => (marked = true),
    });
    expect(seen).toEqual([false, true]);
    expect(marked).toBe(true);
    expect(t.unpoweredMs).toBeGreaterThanOrEqual(150);
    expect(t.settleMs).toBeGreaterThanOrEqual(50);
  });

  it("a bad token is HTTP 401, not retried, and the hint says where the token comes from", async () => {
    const { power } = await setup();
    const e = await failure(power("switch.hut_01_power", { token: "not-the-token" }).off());
    expect(e).toMatchObject({ outcome: "ha_error", httpStatus: 401, retryable: false });
    expect(e.message).toMatch(
      /refused the token \(HTTP 401 on POST \/api\/services\/switch\/turn_off\)/,
    );
    expect(e.hint).toMatch(/HIL_SIM_HA_TOKEN is wrong, revoked or expired/);
    expect(describeError(e)).not.toContain("not-the-token");
  });

  it("an unknown entity is HTTP 404 naming it", async () => {
    const { power } = await setup();
    const e = await failure(power("switch.hut_99_power").state());
    expect(e).toMatchObject({ outcome: "ha_error", httpStatus: 404, retryable: false });
    expect(e.message).toContain("has no entity switch.hut_99_power");
    expect(e.hint).toMatch(/power\.entity/);
  });

  it("HTTP 500 is an ha_error that may be retried", async () => {
    const { relay, power } = await setup();
    relay.setFaults("hut-01", { status: 500 });
    const e = await failure(power("switch.hut_01_power").off());
    expect(e).toMatchObject({ outcome: "ha_error", httpStatus: 500, retryable: true });
    expect(e.message).toMatch(
      /answered HTTP 500 to POST \/api\/services\/switch\/turn_off: 500: Internal Server Error/,
    );
  });

  it("a slow Home Assistant is a timeout at the deadline, not a hang", async () => {
    const { relay, power } = await setup();
    relay.setFaults("hut-01", { slowMs: 20_000 });
    const e = await failure(power("switch.hut_01_power", { timeoutMs: 300 }).state());
    expect(e).toMatchObject({ outcome: "timeout", retryable: true });
    expect(e.httpStatus).toBeUndefined();
    expect(e.message).toMatch(/did not answer GET \/api\/states\/switch.hut_01_power within 0.3 s/);
  });

  it("a slow Home Assistant within the deadline still switches", async () => {
    const { relay, boards, power } = await setup();
    relay.setFaults("hut-01", { slowMs: 150 });
    const p = power("switch.hut_01_power", { timeoutMs: 5000 });
    expect(await p.off()).toBeGreaterThanOrEqual(300); // the call and at least one state read
    expect(boards.switch.isPowered).toBe(false);
  });

  it("a relay that never reports the new state times out naming what it still says", async () => {
    const { relay, boards, power } = await setup();
    relay.setFaults("hut-01", { staleState: true });
    const e = await failure(power("switch.hut_01_power", { timeoutMs: 400 }).off());
    expect(e).toMatchObject({ outcome: "timeout", retryable: true });
    expect(e.message).toMatch(/still reports "on" 0.4 s after turn_off/);
    expect(boards.switch.isPowered).toBe(false); // it did switch; HA just never said so
  });

  it("Home Assistant down is an ha_error without a status: connection refused", async () => {
    await setup();
    const port = await deadPort();
    const p = new HomeAssistantPower({
      url: `http://127.0.0.1:${port}`,
      token: TOKEN,
      entity: "switch.hut_01_power",
      timeoutMs: 2000,
    });
    cleanups.push(() => p.close());
    const e = await failure(p.on());
    expect(e).toMatchObject({ outcome: "ha_error", retryable: true });
    expect(e.httpStatus).toBeUndefined();
    expect(e.message).toMatch(/unreachable \(connection refused\)/);
  });

  it("a signal stops a call with its own reason", async () => {
    const { relay, power } = await setup();
    relay.setFaults("hut-01", { slowMs: 20_000 });
    const ac = new AbortController();
    const why = new Error("cancelled by octocat");
    setTimeout(() => ac.abort(why), 50);
    await expect(power("switch.hut_01_power").state({ signal: ac.signal })).rejects.toBe(why);
  });

  it("something that is not Home Assistant gets a clear error", async () => {
    const { relay } = await setup();
    const c = new HomeAssistantClient({ url: `${relay.url}/sim`, token: TOKEN });
    cleanups.push(() => c.close());
    const e = await failure(c.getState("switch.hut_01_power", { timeoutMs: 2000 }));
    expect(e.outcome).toBe("ha_error");
    expect(await c.close()).toBeUndefined();
    const ok = new HomeAssistantClient({ url: relay.url + "/", token: ` ${TOKEN}\n` });
    cleanups.push(() => ok.close());
    expect(ok.baseUrl).toBe(relay.url);
    expect(await ok.ping({ timeoutMs: 2000 })).toBe("API running.");
  });
});

describe("configuration errors", () => {
  it("rejects URLs that are not a Home Assistant base URL, without echoing credentials", () => {
    expect(homeAssistantBaseUrl("http://ha.lab:8123/")).toBe("http://ha.lab:8123");
    expect(() => homeAssistantBaseUrl("ha.lab:8123")).toThrow(ConfigurationError);
    expect(() => homeAssistantBaseUrl("not a url")).toThrow(/is not a valid URL/);
    expect(() => homeAssistantBaseUrl("ftp://ha.lab")).toThrow(/uses ftp; expected http or https/);
    expect(() => homeAssistantBaseUrl("http://ha.lab:8123/?x=1")).toThrow(/query or fragment/);
    let msg = "";
    try {
      homeAssistantBaseUrl("http://admin:hunter2secret@ha.lab:8123");
    } catch (e) {
      msg = describeError(e);
    }
    expect(msg).toMatch(/carries a user name or password/);
    expect(msg).not.toContain("hunter2secret");
  });

  it("rejects entities outside the relay domains and tokens that cannot be tokens", () => {
    expect(powerDomain("input_boolean.hut_01")).toBe("input_boolean");
    expect(() => powerDomain("sensor.hut_01_power")).toThrow(/switch, input_boolean, light/);
    expect(() => powerDomain("switch")).toThrow(ConfigurationError);
    expect(
      () => new HomeAssistantClient({ url: "http://ha:8123", token: "  ", tokenSource: "X" }),
    ).toThrow(/token \(X\) is empty/);
    let msg = "";
    try {
      new HomeAssistantClient({ url: "http://ha:8123", token: "abc def-secret-part" });
    } catch (e) {
      msg = describeError(e);
    }
    expect(msg).toMatch(/contains spaces, line breaks/);
    expect(msg).not.toContain("secret-part");
  });
});
