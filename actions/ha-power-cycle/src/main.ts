import { readInputs, runAction } from "@hil/actions-kit";
import { loadInventory, selectSlot } from "@hil/inventory";
import { findCurrentJob } from "@hil/lease";
import { bootPattern, cycleSlotPower, publishPowerCycle } from "@hil/power";
import { ACTION, inputs } from "./inputs";

await runAction(async (host) => {
  const i = readInputs(inputs, ACTION, ["ha-token"]);
  const token = i["ha-token"];
  if (token) host.maskSecret(token);
  const env = process.env;
  const { file, inventory } = loadInventory(i.inventory, env);
  const slot = selectSlot(inventory, file, i.slot, env);
  const tokenSource = token ? "the ha-token input" : `the variable ${slot.power?.token_env}`;

  // Hardware gates (cancellation flag, fork pull requests) belong here, before the relay is touched.

  const result = await host.group(`Power-cycle ${slot.id}`, () =>
    cycleSlotPower({
      inventory,
      slot,
      step: ACTION,
      host,
      env,
      tokenSource,
      ...(token ? { token } : {}),
      ...(i.reason ? { reason: i.reason } : {}),
      overrides: {
        off_sec: i["off-duration"],
        settle_sec: i["settle-time"],
        max_retries: i["max-retries"],
      },
      ...(i["lease-wait"] !== undefined ? { leaseWaitSec: i["lease-wait"] } : {}),
      ...(i["wait-for-boot"]
        ? {
            waitForBoot: {
              ...(i["boot-pattern"] ? { pattern: bootPattern(i["boot-pattern"]) } : {}),
              ...(i["boot-timeout"] !== undefined ? { timeoutSec: i["boot-timeout"] } : {}),
            },
          }
        : {}),
    }),
  );

  const failure = await publishPowerCycle(result, host, {
    step: ACTION,
    failOnError: i["fail-on-error"],
    tokenSource,
    job: findCurrentJob({ inventory, slot: slot.id, env }),
  });
  if (failure) throw failure;
});
