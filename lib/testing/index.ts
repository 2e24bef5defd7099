export * from "./plan";
export * from "./record";
export * from "./assertions";
export * from "./program";
export * from "./urn-snapshot";
