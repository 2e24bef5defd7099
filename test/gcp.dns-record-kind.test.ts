import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, FailoverDns, MultiRegionService } from "../lib";
import { findResources, getResource, recordPlan } from "../lib/testing";

/**
 * A CNAME's value is a domain name (RFC 1034 §3.6.2, RFC 1035 §3.3.1: "CNAME ... <domain-name>"), so an IP address
 * is never a CNAME target; Route 53 answers an IP with an A record (https://docs.aws.amazon.com/Route53/latest/
 * DeveloperGuide/ResourceRecordTypes.html#CNAMEFormat). A Google-managed certificate provisions only once the
 * domain's A record points at the load balancer's IP (https://cloud.google.com/load-balancing/docs/ssl-certificates/
 * google-managed-certs#update-dns). The address of the global load balancer is an Output: the component that makes
 * it declares its kind instead of the DNS layer guessing "hostname".
 */
describe("DNS record kind is carried from whoever makes the address (issue 15 item 1)", () => {
  it("MultiRegionService on GCP named in Route 53: an A record to the anycast IP, probed by IP with the name as Host", async () => {
    const plan = await recordPlan(() => {
      new MultiRegionService("web", {
        regions: ["gcp:us-central1", "gcp:europe-west1"],
        container: { image: "us-docker.pkg.dev/cloudrun/container/hello", port: 8080 },
        healthCheck: { path: "/healthz" },
        routing: {
          strategy: "latency",
          dns: { provider: "route53", zone: "example.com", record: "www", route53: { zoneId: "Z0123456789ABC" } },
        },
      });
    });
    const ip = String(getResource(plan, "gcp:compute/globalAddress:GlobalAddress", "web-ip").inputs.name);
    assert.ok(ip);
    const [record] = findResources(plan, "aws:route53/record:Record");
    assert.strictEqual(record.inputs.type, "A");
    const values = record.inputs.records as string[];
    assert.strictEqual(values.length, 1);
    assert.match(values[0], /^\d+\.\d+\.\d+\.\d+$/, "the record's value is the IPv4 address");
    const [check] = findResources(plan, "aws:route53/healthCheck:HealthCheck");
    assert.strictEqual(check.inputs.ipAddress, values[0]);
    assert.strictEqual(check.inputs.fqdn, "www.example.com", "the name, not the IP, is the Host/SNI of the probe");
  });

  it("the regional endpoints behind a DNS front stay CNAMEs to their host names", async () => {
    const plan = await recordPlan(() => {
      new MultiRegionService("web", {
        regions: ["gcp:us-central1", "gcp:europe-west1"],
        container: { image: "us-docker.pkg.dev/cloudrun/container/hello", port: 8080 },
        healthCheck: { path: "/healthz" },
        routing: {
          strategy: "failover",
          dns: {
            provider: "cloudflare",
            zone: "example.com",
            record: "www",
            cloudflare: { accountId: "0123456789abcdef0123456789abcdef", zoneId: "fedcba9876543210fedcba9876543210" },
          },
        },
      });
    });
    for (const pool of findResources(plan, "cloudflare:index/loadBalancerPool:LoadBalancerPool")) {
      const origins = pool.inputs.origins as { address: string }[];
      for (const o of origins) assert.doesNotMatch(o.address, /^\d+\.\d+\.\d+\.\d+$/);
    }
  });

  it("FailoverDns: an output declared ipv4 is an A record; a string contradicting its declared kind is a ConfigError", async () => {
    const plan = await recordPlan(() => {
      new FailoverDns("api", {
        provider: "route53",
        zone: "example.com",
        record: "api",
        strategy: "failover",
        route53: { zoneId: "Z0123456789ABC" },
        endpoints: [
          { id: "a", address: pulumi.output("34.120.113.10"), addressKind: "ipv4" },
          { id: "b", address: "34.120.113.20" },
        ],
      });
    });
    for (const r of findResources(plan, "aws:route53/record:Record")) assert.strictEqual(r.inputs.type, "A");
    assert.throws(
      () =>
        new FailoverDns("bad", {
          provider: "route53",
          zone: "example.com",
          record: "api",
          strategy: "failover",
          endpoints: [
            { id: "a", address: "lb.northwind-origins.net", addressKind: "ipv4" },
            { id: "b", address: "lb2.northwind-origins.net" },
          ],
        }),
      (e: unknown) => e instanceof ConfigError && e.field === "endpoints[0].addressKind",
    );
  });
});
