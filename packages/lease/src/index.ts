// The slot lease (DESIGN.md section 4), the job's lease keeper, the job context steps use and
// slot health. See docs/lab-setup.md for the lab side and the API summary.
export * from "./record";
export * from "./errors";
export * from "./lease";
export * from "./layout";
export * from "./guardrails";
export * from "./proc";
export * from "./keeper";
export * from "./job";
export * from "./under";
export * from "./health";
export * from "./selftest";
