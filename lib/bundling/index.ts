export * from "./bundle";
export * from "./package";
export * from "./zip";
