export {
  DEFAULT_INVENTORY,
  inventoryPath,
  loadInventory,
  parseInventory,
  type LoadedInventory,
} from "./load";
export { runnerLabels, selectSlot } from "./select";
