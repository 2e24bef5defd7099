/**
 * `meridian/testing`: what users' tests call — `recordPlan` and `tryRecordPlan` (a program on Pulumi's mock engine,
 * recorded as a plan), `programFromFile`, the assertions and URN snapshots. The engine itself lives in lib/engine.
 * @packageDocumentation
 * @module meridian/testing
 */
export * from "../engine/plan";
export * from "../engine/record";
export { DuplicateUrnError } from "../engine/duplicate-urns";
export * from "../engine/program";
export * from "./assertions";
export * from "./urn-snapshot";
