export * from "./args";
export * from "./model";
export * from "./capabilities";
export * from "./validate";
export * from "./shared";
export * from "./targets";
