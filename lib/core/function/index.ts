export * from "./args";
export * from "./runtimes";
export * from "./limits";
export * from "./schedule";
export * from "./validate";
export * from "./result";
