import { join } from "node:path";
import {
  describeError,
  EXIT_CODES,
  flashSizeBytes,
  HilError,
  type Inventory,
  type RecoveryEvent,
  type Slot,
} from "@hil/contracts";
import { ciContext } from "@hil/ci";
import { cell, markdownTable, type Host } from "@hil/host";
import { loadInventory, selectSlot } from "@hil/inventory";
import { Journal } from "@hil/journal";
import { powerCycler } from "@hil/power";
import {
  callerIdentity,
  findCurrentJob,
  JOB_FILES,
  recordHealth,
  type StepContext,
  underSlotLease,
} from "@hil/lease";
import type { SerialDevice } from "@hil/serial";
import { openBundle, type OpenedBundle } from "./bundle";
import { BoardUnreachableError, failureKindOf } from "./errors";
import { EsptoolFlasher } from "./esptool";
import { flashBoard, type FlashReport } from "./flash";
import { loadImages } from "./images";
import type { BoardIdentity, PowerCycleFn } from "./protocol";

export const FLASH_STEP = "hil-flash";

export interface FlashSlotOptions {
  host: Host;
  env?: NodeJS.ProcessEnv;
  /**
   * The step's context as the step wrapper resolved it (inventory, slot, job, CI): nothing is
   * looked up again. Without it, `inventory` and `slot` say where to look.
   */
  context?: StepContext;
  /** Inventory file; default HIL_SLOTS, else /etc/hil/slots.yaml. */
  inventory?: string;
  /** Slot id or label; default HIL_SLOT, else the runner's esp32-hut-NN label. */
  slot?: string;
  /** A bundle directory or zip; default the job's bundle (the host cache, else the forge). */
  bundle?: string;
  /** The job's commit, when not HIL_SHA / GITHUB_SHA / CI_COMMIT_SHA. */
  sha?: string;
  /** Forge token for downloading the job's bundle when the hook did not fetch it. */
  token?: string;
  /** Flashing baud; default the slot's. */
  baud?: number;
  skipUnchanged?: boolean;
  verify?: boolean;
  /**
   * The slot's power cycle for the recovery ladder, called only for slots with `power:`.
   * Default: the slot's Home Assistant relay through @hil/power.
   */
  powerCycleFor?: (slot: Slot, inventory: Inventory) => PowerCycleFn | undefined;
  /** Seconds to wait when someone else holds the slot (default 0: fail at once, naming the holder). */
  waitSec?: number;
  /** The journal's step name (default hil-flash). */
  step?: string;
  /** Recovery events and the board as they become known (the action's outputs on failure). */
  onRecovery?: (event: RecoveryEvent) => void;
  onBoard?: (board: BoardIdentity) => void;
  /** Open this instead of the slot's port (tests). */
  createDevice?: (port: string) => SerialDevice;
}

export interface FlashSlotResult extends FlashReport {
  slot: string;
  bundle: { dir: string; digest: string; commitSha: string; source: string; cacheHit: boolean };
}

const hex = (n: number) => `0x${n.toString(16)}`;

/** The one-line account of a flash, for the journal and the summary heading. */
export function flashSummaryLine(r: FlashSlotResult): string {
  const what =
    r.sectorsWritten === 0
      ? `already on the board (${r.sectorsSkipped} sectors unchanged, nothing written)`
      : `${r.bytesWritten} bytes (${r.compressedBytes} compressed) written, ${r.sectorsWritten} sectors written, ${r.sectorsSkipped} skipped`;
  return `Flashed ${r.bundle.commitSha.slice(0, 12)} to ${r.slot} (${r.board.chip ?? r.board.description}, ${r.board.mac}): ${what} in ${r.seconds.toFixed(1)} s.`;
}

function recoveryRows(events: readonly RecoveryEvent[]): string {
  if (!events.length) return "";
  return (
    "\n**Recovery**\n\n" +
    markdownTable(
      ["when", "action", "result", "detail"],
      events.map((e) => [e.at, e.action, e.result, e.detail ?? ""]),
    )
  );
}

/** The job summary of a flash. */
export function flashSummaryMarkdown(r: FlashSlotResult): string {
  const lines = [
    `### ✅ hil-flash on ${r.slot}`,
    "",
    flashSummaryLine(r),
    "",
    markdownTable(
      ["image", "offset", "size", "sectors written", "skipped", "compressed"],
      r.images.map((i) => [
        `\`${i.file}\``,
        hex(i.offset),
        i.size,
        i.sectorsWritten,
        i.sectors - i.sectorsWritten,
        i.compressedBytes,
      ]),
    ),
    `Board: ${r.board.description}, MAC \`${r.board.mac}\`, port \`${r.board.port}\`${r.flashSize ? `, ${r.flashSize / 1024 / 1024} MiB flash` : ""}. ` +
      `Bundle ${r.bundle.digest.slice(0, 12)} (${cell(r.bundle.source)}${r.bundle.cacheHit ? ", host cache" : ""}). ` +
      `Connect ${r.connectSeconds.toFixed(2)} s, write + verify ${r.writeSeconds.toFixed(2)} s at ${r.baud} baud.`,
    recoveryRows(r.recoveryEvents),
  ];
  return lines.join("\n") + "\n";
}

function failureMarkdown(slot: string, e: unknown, events: readonly RecoveryEvent[]): string {
  const hint = e instanceof HilError && e.hint ? `\n> ${e.hint.replace(/\n/g, "\n> ")}\n` : "";
  const msg = (e instanceof Error ? e.message : String(e)).replace(/```/g, "'''");
  return `### ❌ hil-flash on ${slot}\n\n\`\`\`text\n${msg}\n\`\`\`\n${hint}${recoveryRows(events)}\n`;
}

/**
 * The hil-flash step, as the action and `hil flash` run it: pick the slot from the inventory,
 * open the bundle (the given one, else the job's from the host cache), take the slot's lease
 * (the job's own, or claimed for the duration), flash through the recovery ladder, and account
 * for it: the journal gets `recovery` entries as they happen, a `board` entry once the board is
 * identified, a `flash` entry with the figures and a `step` entry whatever the outcome (a
 * failure says whether it was the lab's or the set-up's); slot health records the board
 * answering, or an infrastructure failure when the whole ladder failed; the job summary shows
 * the figures. Errors are rethrown after that, for the entry point to report.
 */
/** The step's context when no step wrapper gave one (a library caller): looked up once here. */
function resolveContext(o: FlashSlotOptions, env: NodeJS.ProcessEnv): StepContext {
  const { file, inventory } = loadInventory(o.inventory, env);
  const slot = selectSlot(inventory, file, o.slot, env);
  const job = findCurrentJob({ inventory, slot: slot.id, env }) ?? null;
  return { inventory, inventoryFile: file, slot, job, ci: ciContext(env) };
}

export async function flashSlot(o: FlashSlotOptions): Promise<FlashSlotResult> {
  const host = o.host;
  const env = o.env ?? process.env;
  const stepName = o.step ?? FLASH_STEP;
  const started = new Date().toISOString();
  const events: RecoveryEvent[] = [];
  let journal: Journal | undefined;
  let inventory: Inventory | undefined;
  let slot: Slot | undefined;
  let bundle: OpenedBundle | undefined;
  let boardAnswered = false;

  const note = (entry: Parameters<Journal["append"]>[0]) => {
    if (!journal) return;
    try {
      // Free text in a file: nothing masked may reach it.
      if (entry.type === "step")
        entry = {
          ...entry,
          summary: host.redact(entry.summary),
          ...(entry.next_action ? { next_action: host.redact(entry.next_action) } : {}),
        };
      if (entry.type === "recovery" && entry.event.detail)
        entry = { ...entry, event: { ...entry.event, detail: host.redact(entry.event.detail) } };
      journal.append(entry);
    } catch (e) {
      host.warn(`Could not write to the job's journal ${journal.path}: ${(e as Error).message}`);
    }
  };

  try {
    const ctx = o.context ?? resolveContext(o, env);
    inventory = ctx.inventory;
    slot = ctx.slot;
    const inv = inventory;
    const theSlot = slot;
    journal = ctx.job?.journal;

    const jobId = ctx.job?.jobId ?? callerIdentity(env).jobId;
    bundle = await openBundle({
      ...(o.bundle ? { path: o.bundle } : {}),
      ...(o.sha ? { sha: o.sha } : {}),
      ...(o.token ? { token: o.token } : {}),
      cacheDir: inv.cache_dir,
      holder: `${jobId}:${stepName}`,
      env,
      host,
    });
    const b = bundle;
    host.info(
      `Bundle ${b.digest.slice(0, 12)} for ${b.manifest.commit_sha} (${b.source}${b.cacheHit ? ", from the host cache" : ""}): ` +
        b.images.map((i) => `${i.file} at ${hex(i.offset)}`).join(", "),
    );
    if (b.manifest.chip !== theSlot.chip)
      host.warn(
        `The bundle is built for ${b.manifest.chip}, but the inventory says slot ${theSlot.id} has an ${theSlot.chip}; the board itself decides.`,
      );
    const images = await loadImages(b.images, b.manifest, b.source);

    const report = await underSlotLease(
      inv,
      theSlot.id,
      {
        waitSec: o.waitSec ?? 0,
        env,
        host,
        job: ctx.job,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      },
      async (scope) => {
        journal = scope.job?.journal ?? journal;
        host.info(
          `Slot ${theSlot.id}: ${scope.mode === "job" ? `under job ${scope.holder.job_id}'s lease` : `leased for this step as ${scope.holder.job_id}`}.`,
        );
        const flasher = new EsptoolFlasher({
          port: theSlot.port,
          reset: theSlot.reset,
          ...(theSlot.reset_sequence ? { resetSequence: theSlot.reset_sequence } : {}),
          slotId: theSlot.id,
          debug: (l) => host.debug(`esptool-js: ${l}`),
          ...(o.createDevice ? { createDevice: o.createDevice } : {}),
        });
        // The ladder's power rung: the slot's Home Assistant relay unless a caller supplies one.
        const powerCycle = theSlot.power
          ? o.powerCycleFor
            ? o.powerCycleFor(theSlot, inv)
            : powerCycler({ inventory: inv, slot: theSlot, step: stepName, host, env })
          : undefined;
        const fallback = theSlot.flash_size ? flashSizeBytes(theSlot.flash_size) : undefined;
        return flashBoard({
          flasher,
          images,
          chip: b.manifest.chip,
          ...(theSlot.mac ? { mac: theSlot.mac } : {}),
          baud: o.baud ?? theSlot.baud,
          skipUnchanged: o.skipUnchanged ?? true,
          verify: o.verify ?? true,
          ...(powerCycle ? { powerCycle } : {}),
          ...(fallback ? { fallbackFlashSize: fallback } : {}),
          subject: `the board on ${theSlot.port} (slot ${theSlot.id})`,
          step: stepName,
          log: (l) => host.info(l),
          signal: scope.signal,
          unreachableHint: unreachableHint(theSlot, inv, powerCycle !== undefined),
          onEvent: (e) => {
            events.push(e);
            note({ type: "recovery", step: stepName, event: e });
            o.onRecovery?.(e);
          },
          onBoard: (bd) => {
            boardAnswered = true;
            note({
              type: "board",
              step: stepName,
              ...(bd.chip ? { chip: bd.chip } : {}),
              mac: bd.mac,
              port: bd.port,
            });
            o.onBoard?.(bd);
          },
        });
      },
    );

    const result: FlashSlotResult = {
      ...report,
      slot: theSlot.id,
      bundle: {
        dir: b.dir,
        digest: b.digest,
        commitSha: b.manifest.commit_sha,
        source: b.source,
        cacheHit: b.cacheHit,
      },
    };
    note({
      type: "flash",
      step: stepName,
      bytes: result.bytesWritten,
      compressed_bytes: result.compressedBytes,
      sectors_written: result.sectorsWritten,
      sectors_skipped: result.sectorsSkipped,
      seconds: Number(result.seconds.toFixed(3)),
    });
    note({
      type: "step",
      step: stepName,
      status: "success",
      exit_code: EXIT_CODES.success,
      summary: flashSummaryLine(result),
      started_utc: started,
    });
    recordSlotHealth(host, inv, theSlot.id, "ok");
    await host.writeSummary(flashSummaryMarkdown(result));
    return result;
  } catch (e) {
    // Failed before the job was found (the inventory, say): the job dir may still be known.
    if (!journal && env.HIL_JOB_DIR)
      journal = new Journal(join(env.HIL_JOB_DIR, JOB_FILES.journal));
    const kind = failureKindOf(e);
    const message = e instanceof Error ? e.message : String(e);
    note({
      type: "step",
      step: stepName,
      status: "failed",
      exit_code: EXIT_CODES.failed,
      failure_kind: kind,
      summary: `hil-flash failed${slot ? ` on ${slot.id}` : ""}: ${message.split("\n")[0]}`,
      started_utc: started,
      ...(e instanceof HilError && e.hint ? { next_action: e.hint } : {}),
    });
    if (inventory && slot) {
      if (e instanceof BoardUnreachableError)
        recordSlotHealth(host, inventory, slot.id, "infra_failure", message.split("\n")[0]);
      else if (boardAnswered) recordSlotHealth(host, inventory, slot.id, "ok");
    }
    await host.writeSummary(failureMarkdown(slot?.id ?? "?", e, events)).catch(() => undefined);
    host.debug(`hil-flash failed: ${describeError(e)}`);
    throw e;
  } finally {
    await bundle?.release().catch(() => undefined);
  }
}

function unreachableHint(slot: Slot, inv: Inventory, canPowerCycle: boolean): string {
  const power = canPowerCycle
    ? ""
    : slot.power
      ? " This step cannot power-cycle the board itself here: run hil power-cycle --slot " +
        `${slot.id} (or the ha-power-cycle action), then flash again.`
      : " With power: configured for the slot, hil would also power-cycle it.";
  return (
    `Check the board's USB cable and power; a board that hangs or boot-loops needs a power cycle.${power} ` +
    `This counts against slot health: after ${inv.unhealthy_after} such failures in a row the slot is marked unhealthy.`
  );
}

function recordSlotHealth(
  host: Host,
  inv: Inventory,
  slot: string,
  result: "ok" | "infra_failure",
  detail?: string,
): void {
  try {
    const h = recordHealth(inv, slot, result, detail);
    if (result === "infra_failure")
      host.warn(
        `Slot ${slot} health: ${h.consecutive_failures} infrastructure failure(s) in a row (unhealthy at ${h.threshold}).`,
      );
  } catch (e) {
    host.warn(`Could not record slot ${slot}'s health: ${(e as Error).message}`);
  }
}
