/**
 * `meridian/policy`: Meridian's policies as pure functions over resources, run offline over plans (`checkPlan`,
 * `meridian policy`) and by the `@pulumi/policy` pack under `pulumi preview --policy-pack`.
 * @packageDocumentation
 * @module meridian/policy
 */
export * from "./model";
export * from "./check";
export { POLICIES } from "./policies";
export { PUBLIC_LABEL } from "./rules/access";
export { isSecretName } from "./rules/secrets";
export { isProductionStack } from "./rules/protection";
export { createPolicyPack, type PolicyPackOptions } from "./pack";
