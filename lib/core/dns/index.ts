export * from "./types";
export * from "./capabilities";
export * from "./failover-time";
export * from "./geo";
export * from "./validate";
export * from "./presets";
