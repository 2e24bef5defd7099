/**
 * The children each component creates per cloud, keyed as `transform` names them, with the SDK args type of
 * each. Core knows no SDK: each cloud folder fills these in from its own `children.ts`
 * (`declare module "../core/children"`), so the public args types are exact per cloud while the dependency
 * points from the cloud to the core, never back. A cloud that adds no entry gets no `transform` keys, and the
 * run-time key tables (`Record<Cloud, ...>` in the component files) make the compiler ask for it.
 *
 * @example
 * // lib/aws/children.ts
 * declare module "../core/children" {
 *   interface FunctionChildrenByCloud { aws: AwsFunctionChildren }
 * }
 */

/** ServerlessFunction's children, by cloud. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by each cloud folder
export interface FunctionChildrenByCloud {}

/** ApiGateway's children, by cloud. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by each cloud folder
export interface ApiChildrenByCloud {}

/** FailoverDns's children, by DNS provider. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by each cloud folder
export interface DnsChildrenByProvider {}

/** MultiRegionService's children, by cloud (the clouds that run its regions). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by each cloud folder
export interface ServiceChildrenByCloud {}
