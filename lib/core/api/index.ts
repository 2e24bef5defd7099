export * from "./args";
export * from "./routes";
export * from "./model";
export * from "./capabilities";
export * from "./validate";
