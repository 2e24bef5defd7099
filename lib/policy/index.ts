/**
 * Meridian's policies as pure functions over resources, run offline over plans (`checkPlan`, `npm run policy`)
 * and by the `@pulumi/policy` pack in `policy/` under `pulumi preview --policy-pack policy`.
 */
export * from "./model";
export * from "./check";
export { POLICIES } from "./policies";
export { PUBLIC_LABEL } from "./rules/access";
export { isSecretName } from "./rules/secrets";
export { isProductionStack } from "./rules/protection";
