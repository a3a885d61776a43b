// Standalone entry of the lease keeper (tests run it with tsx; bundles route KEEPER_ARG instead).
import { runKeeper } from "./keeper";

process.exitCode = await runKeeper();
