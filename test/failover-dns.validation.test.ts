import * as assert from "node:assert";
import { FailoverDns } from "../lib";
import { tryRecordPlan } from "../lib/testing";
import { BadInputCase, CF, good, cf, az, gcp, itRefusesEach } from "./support/failover-dns-bad-input";

const CASES: BadInputCase[] = [
  [
    "args not an object",
    (a) => {
      Object.keys(a).forEach((k) => delete a[k]);
      a.oops = 1;
    },
    "oops",
  ],
  [
    "unknown provider",
    (a) => {
      a.provider = "ns1";
    },
    "provider",
  ],
  [
    "unknown strategy",
    (a) => {
      a.strategy = "random";
    },
    "strategy",
  ],
  [
    "latency on Cloud DNS",
    (a) => {
      gcp(a);
      a.strategy = "latency";
    },
    "strategy",
  ],
  [
    "options for another provider",
    (a) => {
      a.cloudflare = CF;
    },
    "cloudflare",
  ],
  [
    "bad zone",
    (a) => {
      a.zone = "example";
    },
    "zone",
  ],
  [
    "null zone",
    (a) => {
      a.zone = null;
    },
    "zone",
  ],
  [
    "bad record",
    (a) => {
      a.record = "a b";
    },
    "record",
  ],
  [
    "wildcard record",
    (a) => {
      a.record = "*";
    },
    "record",
  ],
  [
    "endpoints not an array",
    (a) => {
      a.endpoints = {};
    },
    "endpoints",
  ],
  [
    "one endpoint for failover",
    (a) => {
      a.endpoints.pop();
    },
    "endpoints",
  ],
  [
    "null endpoint",
    (a) => {
      a.endpoints[1] = null;
    },
    "endpoints[1]",
  ],
  [
    "unknown endpoint key",
    (a) => {
      a.endpoints[0].host = "x";
    },
    "endpoints[0].host",
  ],
  [
    "bad endpoint id",
    (a) => {
      a.endpoints[0].id = "US East";
    },
    "endpoints[0].id",
  ],
  [
    "duplicate endpoint id",
    (a) => {
      a.endpoints[1].id = "use1";
    },
    "endpoints[1].id",
  ],
  [
    "bad address",
    (a) => {
      a.endpoints[0].address = "not a host";
    },
    "endpoints[0].address",
  ],
  [
    "private IP address",
    (a) => {
      a.endpoints[0].address = "10.0.0.5";
      a.endpoints[1].address = "34.1.1.1";
    },
    "endpoints[0].address",
  ],
  [
    "address number",
    (a) => {
      a.endpoints[0].address = 42;
    },
    "endpoints[0].address",
  ],
  [
    "hostname on Cloud DNS",
    (a) => {
      gcp(a);
      a.endpoints[0].address = "lb.northwind-origins.net";
    },
    "endpoints[0].address",
  ],
  [
    "mixed IP and hostname on Route 53",
    (a) => {
      a.endpoints[0].address = "34.1.1.1";
    },
    "endpoints[1].address",
  ],
  [
    "CNAME at the apex on Route 53",
    (a) => {
      a.record = "@";
    },
    "record",
  ],
  [
    "CNAME at the apex on Traffic Manager",
    (a) => {
      az(a);
      a.record = "@";
    },
    "record",
  ],
  [
    "unknown region",
    (a) => {
      a.endpoints[0].region = "aws:mars-1";
    },
    "endpoints[0].region",
  ],
  [
    "latency without region on Route 53",
    (a) => {
      a.strategy = "latency";
      delete a.endpoints[0].region;
    },
    "endpoints[0].region",
  ],
  [
    "latency with a GCP region on Route 53",
    (a) => {
      a.strategy = "latency";
      a.endpoints[0].region = "gcp:us-east4";
    },
    "endpoints[0].region",
  ],
  [
    "priority out of range",
    (a) => {
      a.endpoints[0].priority = 0;
      a.endpoints[1].priority = 2;
    },
    "endpoints[0].priority",
  ],
  [
    "duplicate priority",
    (a) => {
      a.endpoints[0].priority = 1;
      a.endpoints[1].priority = 1;
    },
    "endpoints[1].priority",
  ],
  [
    "priority on some endpoints only",
    (a) => {
      a.endpoints[0].priority = 1;
    },
    "endpoints[1].priority",
  ],
  [
    "weight with failover",
    (a) => {
      a.endpoints[0].weight = 2;
    },
    "endpoints[0].weight",
  ],
  [
    "weight out of range",
    (a) => {
      a.strategy = "weighted";
      a.endpoints[0].weight = 256;
    },
    "endpoints[0].weight",
  ],
  [
    "all weights zero",
    (a) => {
      a.strategy = "weighted";
      a.endpoints[0].weight = 0;
      a.endpoints[1].weight = 0;
    },
    "endpoints",
  ],
  [
    "weight 0 on Traffic Manager",
    (a) => {
      az(a);
      a.strategy = "weighted";
      a.endpoints[0].weight = 0;
    },
    "endpoints[0].weight",
  ],
  [
    "enabled not boolean",
    (a) => {
      a.endpoints[0].enabled = "no";
    },
    "endpoints[0].enabled",
  ],
  [
    "all drained",
    (a) => {
      a.endpoints[0].enabled = false;
      a.endpoints[1].enabled = false;
    },
    "endpoints",
  ],
  [
    "geo without geo strategy",
    (a) => {
      a.endpoints[0].geo = ["DE"];
    },
    "endpoints[0].geo",
  ],
  [
    "geo strategy without codes",
    (a) => {
      a.strategy = "geo";
    },
    "endpoints[0].geo",
  ],
  [
    "bad geo code",
    (a) => {
      a.strategy = "geo";
      a.endpoints[0].geo = ["Europe"];
      a.endpoints[1].geo = ["WORLD"];
    },
    "endpoints[0].geo[0]",
  ],
  [
    "duplicate geo code",
    (a) => {
      a.strategy = "geo";
      a.endpoints[0].geo = ["DE"];
      a.endpoints[1].geo = ["DE"];
    },
    "endpoints[1].geo",
  ],
  [
    "state on Cloudflare",
    (a) => {
      cf(a);
      a.strategy = "geo";
      a.endpoints[0].geo = ["US-CA"];
      a.endpoints[1].geo = ["WORLD"];
    },
    "endpoints[0].geo[0]",
  ],
  [
    "drained WORLD holder",
    (a) => {
      a.strategy = "geo";
      a.endpoints[0].geo = ["WORLD"];
      a.endpoints[0].enabled = false;
      a.endpoints[1].geo = ["DE"];
    },
    "endpoints[0].enabled",
  ],
  [
    "GCP geo region unknown",
    (a) => {
      gcp(a);
      a.strategy = "geo";
      a.endpoints[0].geo = ["GEO-EU"];
    },
    "endpoints[0].geo[0]",
  ],
  [
    "GCP failover without region",
    (a) => {
      gcp(a);
      delete a.endpoints[1].region;
    },
    "endpoints[1].region",
  ],
  [
    "aliasZoneId on Cloudflare",
    (a) => {
      cf(a);
      a.endpoints[0].aliasZoneId = "Z1";
    },
    "endpoints[0].aliasZoneId",
  ],
  [
    "primary unknown",
    (a) => {
      a.primary = "apse1";
    },
    "primary",
  ],
  [
    "primary drained",
    (a) => {
      a.primary = "euw1";
      a.endpoints[1].enabled = false;
    },
    "primary",
  ],
  [
    "primary with latency",
    (a) => {
      a.strategy = "latency";
      a.primary = "euw1";
    },
    "primary",
  ],
];

describe("FailoverDns bad input", () => {
  itRefusesEach(CASES);

  it("names the alternative when a provider cannot do a strategy", async () => {
    const args = good();
    gcp(args);
    args.strategy = "latency";
    const { error } = await tryRecordPlan(() => new FailoverDns("api", args));
    assert.match((error as Error).message, /strategy "geo"/);
  });
});
