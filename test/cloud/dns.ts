import { Resolver } from "dns/promises";

/**
 * Which endpoint a public name sends clients to right now: the endpoint (placement → regional URL) whose hostname
 * resolves to the same addresses as the name. Asked of the resolver directly (Node's `dns/promises` Resolver has no
 * cache), so a record that changes is seen as soon as its TTL allows. "unknown" when no endpoint matches.
 */
export async function answeringEndpoint(
  host: string,
  endpoints: Record<string, string>,
  resolve: (name: string) => Promise<string[]> = (name) => new Resolver().resolve4(name),
): Promise<string> {
  const key = (xs: string[]) => [...xs].sort().join(",");
  const answer = key(await resolve(host));
  for (const [placement, url] of Object.entries(endpoints).sort()) {
    const addresses = await resolve(new URL(url).hostname).catch(() => [] as string[]);
    if (addresses.length && addresses.some((a) => answer.split(",").includes(a))) return placement;
  }
  return "unknown";
}
