// Every bundled entry point: the actions, the runner hooks and the hil CLI.
// `npm run build` bundles each with @vercel/ncc into its dist/; CI checks they are current.
export const ACTIONS = ["build", "hil-flash", "hil-test", "ha-power-cycle", "report-status"];

export const ENTRIES = [
  ...ACTIONS.map((a) => ({ name: a, src: `actions/${a}/src/index.ts`, out: `actions/${a}/dist` })),
  { name: "runner-hooks", src: "runner-hooks/src/main.ts", out: "runner-hooks/dist" },
  { name: "cli", src: "packages/cli/src/index.ts", out: "packages/cli/dist" },
];
