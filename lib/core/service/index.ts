export * from "./args";
export * from "./sizes";
export * from "./front";
export * from "./validate";
export * from "./timing";
export * from "./accelerator";
export * from "./health-preset";
export * from "./backend";
