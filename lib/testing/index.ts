// `meridian/testing`: what users' tests call. The recording engine itself lives in lib/engine.
export * from "../engine/plan";
export * from "../engine/record";
export * from "../engine/program";
export * from "./assertions";
export * from "./urn-snapshot";
