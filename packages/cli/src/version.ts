/** The hil-actions release; bundles and manifests record it. */
export const HIL_VERSION = "0.1.0";
