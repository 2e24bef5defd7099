import * as assert from "node:assert/strict";
import { specialAddressRange } from "../lib/core/special-addresses";

// IANA IPv4/IPv6 Special-Purpose Address Registries (RFC 6890): blocks that are not globally reachable, plus
// multicast and reserved space. Route 53's CreateHealthCheck refuses non-routable ranges; no public checker reaches them.
describe("special-purpose address classifier (one for every provider)", () => {
  const refused: Record<string, string> = {
    "0.1.2.3": "0.0.0.0/8",
    "10.1.2.3": "10.0.0.0/8",
    "100.64.0.1": "100.64.0.0/10",
    "100.127.255.254": "100.64.0.0/10",
    "127.0.0.1": "127.0.0.0/8",
    "169.254.169.254": "169.254.0.0/16",
    "172.31.0.1": "172.16.0.0/12",
    "192.0.0.8": "192.0.0.0/24",
    "192.0.2.10": "192.0.2.0/24", // RFC 5737 TEST-NET-1
    "192.88.99.1": "192.88.99.0/24",
    "192.168.1.1": "192.168.0.0/16",
    "198.18.0.1": "198.18.0.0/15", // RFC 2544 benchmarking
    "198.19.255.255": "198.18.0.0/15",
    "198.51.100.20": "198.51.100.0/24", // TEST-NET-2
    "203.0.113.10": "203.0.113.0/24", // TEST-NET-3
    "224.0.0.1": "224.0.0.0/4",
    "239.255.255.250": "224.0.0.0/4",
    "240.0.0.1": "240.0.0.0/4",
    "255.255.255.255": "240.0.0.0/4",
    "::": "::/128",
    "::1": "::1/128",
    "::5": "::/96",
    "::ffff:8.8.8.8": "::ffff:0:0/96",
    "64:ff9b:1::1": "64:ff9b:1::/48",
    "100::1": "100::/64",
    "2001::1": "2001::/23",
    "2001:2::1": "2001::/23", // RFC 5180 benchmarking
    "2001:db8::1": "2001:db8::/32", // RFC 3849 documentation
    "2002:c000:0204::1": "2002::/16",
    "3fff::1": "3fff::/20",
    "fd12:3456::1": "fc00::/7",
    "fe80::1": "fe80::/10",
    "ff02::1": "ff00::/8",
  };
  for (const [ip, block] of Object.entries(refused)) {
    it(`refuses ${ip} (${block})`, () => assert.equal(specialAddressRange(ip)?.block, block));
  }
  it("accepts globally reachable unicast, the registry's globally reachable exceptions included", () => {
    for (const ip of [
      "8.8.8.8",
      "1.1.1.1",
      "100.63.255.255",
      "100.128.0.0",
      "172.15.255.255",
      "172.32.0.0",
      "192.0.1.255",
      "192.31.196.1", // AS112-v4: globally reachable
      "198.17.255.255",
      "198.20.0.0",
      "223.255.255.255",
      "2600:1f18::1",
      "2a00:1450:4001::200e",
      "64:ff9b::808:808", // NAT64 well-known prefix: globally reachable
      "2001:4860:4860::8888",
    ])
      assert.equal(specialAddressRange(ip), undefined, ip);
  });
});
