// The bundle's entry: the compile cache first, then the action (loaded as its own chunk).
import { useCompileCache } from "@hil/actions-kit/compile-cache";

useCompileCache();
await import("./main");
