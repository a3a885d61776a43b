#!/usr/bin/env node
import { useCompileCache } from "@hil/actions-kit/compile-cache";

useCompileCache();
const { main } = await import("./program");

process.exitCode = await main(process.argv.slice(2));
