import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InfrastructureError } from "@hil/contracts";
import { writeJsonAtomic } from "./layout";

/**
 * Slot health, as LAVA keeps it: consecutive infrastructure failures (the board unreachable after
 * the whole recovery ladder) mark a slot unhealthy, and the job-started hook then fails fast
 * instead of burning jobs on a dead board, until a person resets it (`hil slots --reset-health`,
 * or `hil doctor --slot X --reset-health` once the host checks pass). Any step that talked to the
 * board successfully records `ok`, which resets the count. Stored in `<state_dir>/health/<slot>.json`,
 * written atomically (tmp + rename); writers normally hold the slot's lease.
 */

export type HealthResult = "ok" | "infra_failure";

export interface HealthEvent {
  at: string;
  result: HealthResult | "reset";
  detail?: string;
}

export interface SlotHealth {
  slot: string;
  healthy: boolean;
  consecutive_failures: number;
  /** Consecutive failures that mark the slot unhealthy (inventory `unhealthy_after`, default 3). */
  threshold: number;
  /** When it became unhealthy. */
  unhealthy_since?: string;
  last?: HealthEvent;
  /** The latest events, newest last (at most 20). */
  history: HealthEvent[];
}

/** The inventory satisfies this as it is. */
export interface HealthSite {
  state_dir: string;
  unhealthy_after?: number;
}

const HISTORY = 20;
export const DEFAULT_UNHEALTHY_AFTER = 3;

const file = (site: HealthSite, slot: string) => join(site.state_dir, "health", `${slot}.json`);
const thresholdOf = (site: HealthSite) => site.unhealthy_after ?? DEFAULT_UNHEALTHY_AFTER;

function empty(site: HealthSite, slot: string): SlotHealth {
  return {
    slot,
    healthy: true,
    consecutive_failures: 0,
    threshold: thresholdOf(site),
    history: [],
  };
}

/** A slot's health (healthy with no history when nothing was recorded yet). */
export function health(site: HealthSite, slot: string): SlotHealth {
  let stored: Partial<SlotHealth>;
  try {
    stored = JSON.parse(readFileSync(file(site, slot), "utf8")) as Partial<SlotHealth>;
  } catch {
    return empty(site, slot);
  }
  const threshold = thresholdOf(site);
  const failures = Number(stored.consecutive_failures) || 0;
  const h: SlotHealth = {
    slot,
    healthy: failures < threshold,
    consecutive_failures: failures,
    threshold,
    history: Array.isArray(stored.history) ? stored.history : [],
  };
  if (stored.last) h.last = stored.last;
  if (!h.healthy && stored.unhealthy_since) h.unhealthy_since = stored.unhealthy_since;
  return h;
}

function save(site: HealthSite, h: SlotHealth): SlotHealth {
  mkdirSync(join(site.state_dir, "health"), { recursive: true });
  writeJsonAtomic(file(site, h.slot), h);
  return h;
}

function push(h: SlotHealth, event: HealthEvent): void {
  h.last = event;
  h.history = [...h.history, event].slice(-HISTORY);
}

/**
 * Record the outcome of talking to a slot's board: `ok` resets the count, `infra_failure`
 * (unreachable after the whole recovery ladder) adds one. Returns the new health.
 */
export function recordHealth(
  site: HealthSite,
  slot: string,
  result: HealthResult,
  detail?: string,
): SlotHealth {
  const h = health(site, slot);
  const event: HealthEvent = {
    at: new Date().toISOString(),
    result,
    ...(detail ? { detail } : {}),
  };
  push(h, event);
  if (result === "ok") {
    h.consecutive_failures = 0;
    delete h.unhealthy_since;
  } else {
    h.consecutive_failures++;
    if (h.consecutive_failures >= h.threshold && !h.unhealthy_since) h.unhealthy_since = event.at;
  }
  h.healthy = h.consecutive_failures < h.threshold;
  return save(site, h);
}

/** Mark a slot healthy again (a person fixed the board or cable). */
export function resetHealth(site: HealthSite, slot: string, by: string): SlotHealth {
  const h = health(site, slot);
  push(h, { at: new Date().toISOString(), result: "reset", detail: `reset by ${by}` });
  h.consecutive_failures = 0;
  h.healthy = true;
  delete h.unhealthy_since;
  return save(site, h);
}

/** The slot's board keeps failing: the job-started hook fails fast with this. */
export class SlotUnhealthyError extends InfrastructureError {
  override name = "SlotUnhealthyError";
  constructor(readonly health: SlotHealth) {
    const last = health.last?.detail ? ` Last failure: ${health.last.detail}.` : "";
    super(
      `Slot ${health.slot} is marked unhealthy: ${health.consecutive_failures} infrastructure failures in a row` +
        ` (board unreachable after the whole recovery ladder) since ${health.unhealthy_since ?? "?"}.${last}`,
      {
        hint:
          `Check the board, its cable and its power, then run: hil doctor --slot ${health.slot} --reset-health ` +
          `(resets when the host checks pass) or hil slots --reset-health ${health.slot}.`,
      },
    );
  }
}

/** Throws SlotUnhealthyError when the slot is unhealthy (the job-started hook's fail-fast). */
export function assertHealthy(site: HealthSite, slot: string): SlotHealth {
  const h = health(site, slot);
  if (!h.healthy) throw new SlotUnhealthyError(h);
  return h;
}
