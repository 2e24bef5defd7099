/**
 * Meridian's public API (`import { ServerlessFunction } from "meridian"`): the four components, their argument
 * types, `ConfigError` and `protectStateful`. Test helpers are in `meridian/testing`, the policies in
 * `meridian/policy`: they are not part of a deployed program.
 * @packageDocumentation
 * @module meridian
 */
export { ConfigError, isConfigError } from "./core/errors";
export { Validator } from "./core/validate";
export { protectStateful, isStateful } from "./core/stateful";
export type { Cloud, Placement } from "./core/placement";
export type { Transform } from "./core/transform";
export type { AlarmNotify, AlarmThreshold, DnsAlarms, RequestAlarms, ServiceAlarms } from "./core/alarms/args";
export type { FunctionHandle } from "./core/function-handle";
export * from "./serverless-function";
export * from "./multi-region-service";
export * from "./api-gateway";
export * from "./failover-dns";
