export * from "./document";
export * from "./swagger2";
export * from "./write";
