/**
 * Whether an ECS rollout reached the task definition it was given. With the deployment circuit breaker's rollback,
 * a failing rollout is rolled back and `waitForSteadyState` then succeeds on the OLD task definition, so the
 * provider reports success (hashicorp/terraform-provider-aws#19519, pulumi/pulumi-awsx#1848). The service read back
 * after the update names the task definition it actually runs; comparing it with the requested one is the check
 * AWS users add themselves (terraform-aws-modules/terraform-aws-ecs#325).
 * @returns why the rollout failed, or undefined when the service runs what was asked.
 */
export function rolloutFailure(
  service: string,
  region: string,
  deployed: string | undefined,
  requested: string | undefined,
): string | undefined {
  if (!deployed || !requested || deployed === requested) return undefined;
  return (
    `MultiRegionService ${service} in ${region}: the rollout of ${requested} failed and the ECS deployment circuit ` +
    `breaker rolled the service back to ${deployed}. See why with: aws ecs describe-services --region ${region} ` +
    `--cluster <cluster> --services <service> --query "services[0].events[:10]"`
  );
}
