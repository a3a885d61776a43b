import { readInputs, runAction } from "@hil/actions-kit";
import { withHardwareStep } from "@hil/lifecycle";
import { bootPattern, cycleSlotPower, publishPowerCycle } from "@hil/power";
import { ACTION, inputs } from "./inputs";

await runAction(async (host) => {
  const i = readInputs(inputs, ACTION, ["ha-token"]);
  const token = i["ha-token"];
  if (token) host.maskSecret(token);
  const env = process.env;
  // The fork gate and the job's cancellation flag, before the relay is touched.
  const where = {
    ...(i.slot ? { slot: i.slot } : {}),
    ...(i.inventory ? { inventory: i.inventory } : {}),
  };
  await withHardwareStep(
    { name: ACTION, host, env, ...where },
    async ({ inventory, slot, job }) => {
      const tokenSource = token ? "the ha-token input" : `the variable ${slot.power?.token_env}`;
      const result = await host.group(`Power-cycle ${slot.id}`, () =>
        cycleSlotPower({
          inventory,
          slot,
          job: job ?? null,
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
        job,
      });
      if (failure) throw failure;
    },
  );
});
