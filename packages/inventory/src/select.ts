import { ciContext } from "@hil/ci";
import { ConfigurationError, type Inventory, type Slot } from "@hil/contracts";

/**
 * The runner's labels as the CI context tells them: HIL_RUNNER_LABELS (comma-separated, set in
 * the runner's .env), GitLab's CI_RUNNER_TAGS, and the runner's name.
 */
export function runnerLabels(env: NodeJS.ProcessEnv = process.env): string[] {
  return ciContext(env).runnerLabels;
}

/**
 * Pick a slot: the explicit id, else HIL_SLOT, else the one slot whose label this runner
 * carries. Errors list what is known, so the fix is obvious.
 */
export function selectSlot(
  inv: Inventory,
  file: string,
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
): Slot {
  const known = inv.slots.map((s) => `${s.id} (${s.label})`).join(", ");
  const wanted = explicit || env.HIL_SLOT;
  if (wanted) {
    const slot = inv.slots.find((s) => s.id === wanted || s.label === wanted);
    if (!slot) {
      throw new ConfigurationError(`Slot "${wanted}" is not in ${file}; it has ${known}.`, {
        hint: "Use one of those ids (input `slot`, --slot or HIL_SLOT).",
      });
    }
    return slot;
  }
  const labels = runnerLabels(env);
  const matches = inv.slots.filter((s) => labels.includes(s.label));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new ConfigurationError(
      `This runner carries the labels of several slots (${matches.map((s) => s.label).join(", ")}).`,
      { hint: "Give each runner one slot label, or set HIL_SLOT in the runner's .env." },
    );
  }
  throw new ConfigurationError(
    `No slot chosen: HIL_SLOT is not set and no slot in ${file} has a label of this runner${labels.length ? ` (${labels.join(", ")})` : ""}.`,
    {
      hint: `Set HIL_SLOT (or HIL_RUNNER_LABELS) in the runner's .env, or pass the slot; slots here: ${known}.`,
    },
  );
}
