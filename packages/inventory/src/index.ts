export {
  DEFAULT_INVENTORY,
  inventoryPath,
  loadInventory,
  parseInventory,
  type LoadedInventory,
} from "./load";
export { runnerLabels, selectSlot } from "./select";
export { checkHost, type Check, type CheckStatus, type HostCheckOptions } from "./doctor";
