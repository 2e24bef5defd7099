/**
 * What `maxRetries` of a queue trigger means, on every cloud: how many times a message that failed is delivered
 * AGAIN after its first delivery, before it moves to the dead-letter queue. A message is therefore handled at
 * most `maxRetries + 1` times. Each cloud counts differently, so each takes its own number from here:
 * - AWS SQS `maxReceiveCount` counts receives, the first one included
 *   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html): attempts.
 * - Azure Storage queues `maxDequeueCount` is "the number of times to try processing a message before moving it
 *   to the poison queue" (https://learn.microsoft.com/en-us/azure/azure-functions/functions-bindings-storage-queue#host-json): attempts.
 * - Cloudflare Queues `max_retries` counts retries
 *   (https://developers.cloudflare.com/queues/configuration/batching-retries/): `maxRetries` as is.
 * - Google Cloud Pub/Sub `maxDeliveryAttempts` counts deliveries (https://cloud.google.com/pubsub/docs/handling-failures),
 *   but an Eventarc-triggered function does not expose its subscription: Eventarc retries for 24 hours, so
 *   `maxRetries` is refused there (see validate.ts).
 */
export function deliveryAttempts(maxRetries: number): number {
  return maxRetries + 1;
}
