import pkg from "../package.json" with { type: "json" };

/** Version of the code that packs and checks bundles; manifests record it under `builder`. */
export const BUNDLE_TOOL_VERSION: string = pkg.version;
