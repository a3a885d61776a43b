import { ConfigurationError, POWER_DOMAINS } from "@hil/contracts";
import { PowerError } from "../errors";
import {
  cycleWith,
  sleep,
  type CycleCallOptions,
  type Power,
  type PowerCallOptions,
  type PowerCycleTimings,
  type PowerState,
} from "../power";
import { HomeAssistantClient, type HomeAssistantClientOptions } from "./client";

export type PowerDomain = (typeof POWER_DOMAINS)[number];

export interface HomeAssistantPowerOptions extends HomeAssistantClientOptions {
  /** The relay's entity, `switch.hut_01_power` (domains switch, input_boolean, light). */
  entity: string;
  /** How long a switch may take, service call and confirmation together, ms (the slot's timeout_sec). */
  timeoutMs: number;
  /** How often the state is read while waiting for confirmation, ms. Default 200. */
  pollMs?: number;
  /** Debug lines (each call and what Home Assistant reported). */
  debug?: (line: string) => void;
}

/** The entity's domain, or a ConfigurationError naming the domains a relay may be in. */
export function powerDomain(entity: string): PowerDomain {
  const domain = entity.split(".")[0] ?? "";
  if (
    !(POWER_DOMAINS as readonly string[]).includes(domain) ||
    !/^[a-z_]+\.[a-z0-9_]+$/.test(entity)
  )
    throw new ConfigurationError(
      `"${entity}" is not a relay entity hil can switch: expected <domain>.<object_id> with domain ${POWER_DOMAINS.join(", ")}.`,
      { hint: "Set slots[].power.entity to the relay's entity id, e.g. switch.hut_01_power." },
    );
  return domain as PowerDomain;
}

function mapState(s: string): PowerState {
  return s === "on" || s === "off" || s === "unavailable" ? s : "unknown";
}

/**
 * The Home Assistant relay driver: `turn_on` / `turn_off` through
 * `POST /api/services/<domain>/<service>`, then `GET /api/states/<entity>` until it reads the
 * new state. One deadline (`timeoutMs`) bounds each switch, call and confirmation together.
 */
export class HomeAssistantPower implements Power {
  readonly client: HomeAssistantClient;
  readonly entity: string;
  readonly domain: PowerDomain;
  readonly label: string;
  private readonly timeoutMs: number;
  private readonly pollMs: number;
  private readonly debug: (line: string) => void;

  constructor(options: HomeAssistantPowerOptions) {
    this.domain = powerDomain(options.entity);
    this.entity = options.entity;
    this.client = new HomeAssistantClient(options);
    this.label = `${options.entity} on Home Assistant ${this.client.baseUrl}`;
    this.timeoutMs = options.timeoutMs;
    this.pollMs = options.pollMs ?? 200;
    this.debug = options.debug ?? (() => undefined);
  }

  async state(o: PowerCallOptions = {}): Promise<PowerState> {
    const s = await this.client.getState(this.entity, { timeoutMs: this.timeoutMs, ...o });
    this.debug(`${this.entity} reports ${s.state}`);
    return mapState(s.state);
  }

  on(o: PowerCallOptions = {}): Promise<number> {
    return this.switchTo("on", o);
  }

  off(o: PowerCallOptions = {}): Promise<number> {
    return this.switchTo("off", o);
  }

  cycle(o: CycleCallOptions): Promise<PowerCycleTimings> {
    return cycleWith(this, o);
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private async switchTo(want: "on" | "off", o: PowerCallOptions): Promise<number> {
    const service = want === "on" ? "turn_on" : "turn_off";
    const started = Date.now();
    const deadline = started + this.timeoutMs;
    const left = () => deadline - Date.now();
    const call = (ms: number) => ({ timeoutMs: ms, ...(o.signal ? { signal: o.signal } : {}) });

    this.debug(`POST /api/services/${this.domain}/${service} {"entity_id": "${this.entity}"}`);
    await this.client.callService(this.domain, service, { entity_id: this.entity }, call(left()));
    let last = "";
    for (let first = true; first || left() > 0; first = false) {
      // Read at least once, even when the service call used up the time.
      const s = await this.client.getState(this.entity, call(Math.max(left(), 500)));
      if (s.state !== last) this.debug(`${this.entity} reports ${s.state}`);
      last = s.state;
      if (s.state === want) return Date.now() - started;
      await sleep(Math.min(this.pollMs, Math.max(0, left())), o.signal);
    }
    throw new PowerError(
      `${this.entity} still reports "${last || "nothing"}" ${this.timeoutMs / 1000} s after ${service}: Home Assistant never confirmed it ${want}.`,
      {
        outcome: "timeout",
        retryable: true,
        hint: `Check the relay in Home Assistant: is its device online, does its state follow commands? Raise slots[].power.timeout_sec if it is only slow.`,
      },
    );
  }
}
