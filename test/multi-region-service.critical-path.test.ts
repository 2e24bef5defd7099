import * as assert from "node:assert";
import { criticalPath, criticalPathSeconds } from "../lib/core/service";

describe("criticalPathSeconds", () => {
  const r = (urn: string, type: string, dependencies: string[] = [], parent = "", custom = true) => ({
    urn,
    type,
    dependencies,
    parent,
    custom,
  });
  it("is the longest chain of creation times, parallel branches counted once", () => {
    const plan = {
      resources: [
        r("c", "meridian:index:MultiRegionService", [], "", false),
        r("vpc", "aws:ec2/vpc:Vpc", [], "c"),
        r("alb", "aws:lb/loadBalancer:LoadBalancer", ["vpc"], "c"),
        r("cert", "aws:acm/certificate:Certificate", [], "c"),
        r("val", "aws:acm/certificateValidation:CertificateValidation", ["cert"], "c"),
        r("listener", "aws:lb/listener:Listener", ["alb", "val"], "c"),
        r("other", "aws:lb/loadBalancer:LoadBalancer", [], "c"),
      ],
    };
    assert.strictEqual(criticalPathSeconds(plan), 15 + 180 + 5);
    assert.deepStrictEqual(criticalPath(plan).urns, ["vpc", "alb", "listener"]);
  });
  it("treats a dependency on a component as one on everything below it", () => {
    const plan = {
      resources: [
        r("comp", "x:index:C", [], "", false),
        r("slow", "aws:ecs/service:Service", [], "comp"),
        r("after", "aws:route53/record:Record", ["comp"]),
      ],
    };
    assert.strictEqual(criticalPathSeconds(plan), 120 + 60);
  });
});
