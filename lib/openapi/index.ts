export * from "./document";
export * from "./swagger2";
export * from "./registry";
export * from "./write";
