import { describe, expect, it } from "vitest";
import { describeError } from "@hil/contracts";
import { assertHealthy, health, recordHealth, resetHealth, SlotUnhealthyError } from "../src/index";
import { tempSite } from "./helpers";

describe("slot health", () => {
  it("is healthy with no history", () => {
    const site = tempSite();
    expect(health(site, "hut-01")).toEqual({
      slot: "hut-01",
      healthy: true,
      consecutive_failures: 0,
      threshold: 3,
      history: [],
    });
  });

  it("turns unhealthy after the threshold of consecutive infrastructure failures; ok resets the count", () => {
    const site = tempSite();
    recordHealth(site, "hut-01", "infra_failure", "no answer after power cycle");
    recordHealth(site, "hut-01", "infra_failure", "no answer after power cycle");
    recordHealth(site, "hut-01", "ok");
    expect(health(site, "hut-01")).toMatchObject({ healthy: true, consecutive_failures: 0 });
    recordHealth(site, "hut-01", "infra_failure", "a");
    recordHealth(site, "hut-01", "infra_failure", "b");
    expect(assertHealthy(site, "hut-01").consecutive_failures).toBe(2);
    const h = recordHealth(
      site,
      "hut-01",
      "infra_failure",
      "board unreachable: sync failed after power cycle",
    );
    expect(h).toMatchObject({ healthy: false, consecutive_failures: 3 });
    expect(h.unhealthy_since).toBe(h.last!.at);
    expect(health(site, "hut-02").healthy).toBe(true); // slots are independent

    let err: unknown;
    try {
      assertHealthy(site, "hut-01");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SlotUnhealthyError);
    expect(describeError(err)).toMatch(
      /Slot hut-01 is marked unhealthy: 3 infrastructure failures in a row[\s\S]*Last failure: board unreachable: sync failed after power cycle\.[\s\S]*hil slots --reset-health hut-01/,
    );
    // A fourth failure keeps the first unhealthy instant.
    expect(recordHealth(site, "hut-01", "infra_failure").unhealthy_since).toBe(h.unhealthy_since);

    const reset = resetHealth(site, "hut-01", "alice");
    expect(reset).toMatchObject({ healthy: true, consecutive_failures: 0 });
    expect(reset.last).toMatchObject({ result: "reset", detail: "reset by alice" });
    expect(reset.history.map((e) => e.result)).toEqual([
      "infra_failure",
      "infra_failure",
      "ok",
      "infra_failure",
      "infra_failure",
      "infra_failure",
      "infra_failure",
      "reset",
    ]);
  });

  it("uses the inventory's unhealthy_after and keeps a bounded history", () => {
    const site = { ...tempSite(), unhealthy_after: 1 };
    expect(recordHealth(site, "hut-01", "infra_failure").healthy).toBe(false);
    for (let i = 0; i < 30; i++) recordHealth(site, "hut-01", "ok");
    expect(health(site, "hut-01").history).toHaveLength(20);
  });
});
