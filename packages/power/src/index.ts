// @hil/power: the Power protocol, the Home Assistant relay driver, and a slot's power cycle under
// its lease (retries, cooldown, restore, journal). See docs/power.md.
export {
  sleep,
  cycleWith,
  type Power,
  type PowerState,
  type PowerCallOptions,
  type CycleCallOptions,
  type PowerCycleTimings,
} from "./power";
export { PowerError, type PowerFailure, type PowerErrorOptions } from "./errors";
export {
  HomeAssistantClient,
  homeAssistantBaseUrl,
  entityState,
  type EntityState,
  type HomeAssistantClientOptions,
  type RequestOptions,
} from "./home-assistant/client";
export {
  HomeAssistantPower,
  powerDomain,
  type HomeAssistantPowerOptions,
  type PowerDomain,
} from "./home-assistant/power";
export {
  runPowerCycle,
  defaultRetryDelayMs,
  type RunPowerCycleOptions,
  type BootWatch,
} from "./cycle";
export {
  cycleSlotPower,
  powerCycler,
  slotPower,
  slotPowerConfig,
  findSlot,
  hasPower,
  cycleBudgetMs,
  DEFAULT_BOOT_PATTERN,
  DEFAULT_BOOT_TIMEOUT_SEC,
  DEFAULT_LEASE_WAIT_SEC,
  type CycleSlotPowerOptions,
  type SlotPowerOptions,
  type WaitForBootOptions,
  type PowerOverrides,
} from "./slot";
export {
  lastCycle,
  recordCycleEnd,
  cooldownLeftMs,
  withCycleLock,
  powerStateFile,
  type LastCycle,
  type PowerSite,
} from "./state";
export {
  resultLine,
  resultHint,
  resultError,
  resultMarkdown,
  stepEntry,
  failureKindOf,
  isConfigurationFailure,
} from "./report";
export { publishPowerCycle, bootPattern, type PublishOptions } from "./publish";
