import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  ConfigError,
  NAME_RULES,
  Validator,
  commonTags,
  isHostname,
  isIPv4,
  isIPv6,
  parsePlacement,
  physicalName,
} from "../lib/core";
import { globalName } from "../lib/core/global-name";
import { recordPlan } from "../lib/testing";

/** Runs `fn` inside a recording so pulumi.getProject()/getStack() answer as they do in a program. */
async function inStack<T>(fn: () => T, stack = "dev", project = "meridian"): Promise<T> {
  let result!: T;
  await recordPlan(
    () => {
      result = fn();
    },
    { stack, project },
  );
  return result;
}

/** The value of an output that is known (on the recording engine every output here is). */
function valueOf<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply((v) => void resolve(v)));
}

describe("placements", () => {
  it("parses every cloud", () => {
    assert.deepEqual(parsePlacement("aws:us-east-1", "C", "f"), {
      cloud: "aws",
      region: "us-east-1",
      key: "aws:us-east-1",
    });
    assert.deepEqual(parsePlacement("gcp:europe-west1", "C", "f"), {
      cloud: "gcp",
      region: "europe-west1",
      key: "gcp:europe-west1",
    });
    assert.deepEqual(parsePlacement("azure:westeurope", "C", "f"), {
      cloud: "azure",
      region: "westeurope",
      key: "azure:westeurope",
    });
    assert.deepEqual(parsePlacement("cloudflare", "C", "f"), { cloud: "cloudflare", key: "cloudflare" });
  });

  for (const [bad, pattern] of [
    ["aws:us-east-9", /not a aws region/],
    ["gcp:europe-west99", /not a gcp region/],
    ["azure:mars", /not a azure region/],
    ["oracle:us-ashburn-1", /unknown cloud/],
    ["cloudflare:global", /Cloudflare is global/],
    ["", /placement string/],
    [42, /placement string/],
    [null, /placement string/],
    ["aws", /not a aws region/],
    ["AWS:us-east-1", /unknown cloud/],
  ] as const) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      assert.throws(
        () => parsePlacement(bad, `ServerlessFunction "f"`, "target"),
        (e: unknown) =>
          e instanceof ConfigError &&
          e.field === "target" &&
          e.component === `ServerlessFunction "f"` &&
          pattern.test(e.message),
      );
    });
  }

  it("suggests near regions", () => {
    assert.throws(() => parsePlacement("aws:us-est-1", "C", "f"), /did you mean one of us-east-1/);
  });
});

describe("Validator", () => {
  const v = new Validator(`FailoverDns "api"`);
  it("names component, field, given and allowed values", () => {
    assert.throws(
      () => v.integer(15, "healthCheck.intervalSeconds", { min: 10, max: 10 }),
      (e: any) =>
        e.name === "ConfigError" &&
        e.field === "healthCheck.intervalSeconds" &&
        /got 15; allowed from 10 to 10/.test(e.message) &&
        e.message.startsWith(`FailoverDns "api"`),
    );
    assert.throws(
      () => v.oneOf("fast", "strategy", ["failover", "latency"]),
      /got "fast"; allowed: "failover", "latency"/,
    );
    assert.throws(
      () => v.object({ pth: "/" }, "healthCheck", { allowedKeys: ["path"] }),
      (e: any) => e.field === "healthCheck.pth",
    );
    assert.throws(() => v.string(null, "zone"), /got null; a string is required/);
    assert.throws(() => v.array("x", "endpoints"), /expected an array/);
    assert.throws(
      () => v.inputMap({ "1BAD": "x" }, "environment"),
      (e: any) => e.field === "environment.1BAD",
    );
    assert.throws(
      () => v.inputMap({ OK: 5 }, "environment"),
      (e: any) => e.field === "environment.OK",
    );
    assert.equal(v.integer(undefined, "x", { optional: true }), undefined);
    assert.throws(() => v.integer(null, "x", { optional: true }), /got null/);
  });
  it("accepts outputs in input maps", () => {
    assert.ok(v.inputMap({ A: pulumi.output("x"), B: "y" }, "environment"));
  });
  it("checks hostnames and addresses", () => {
    assert.equal(v.hostname("API.Example.com.", "domain"), "api.example.com");
    for (const bad of ["localhost", "-a.com", "a..com", "exa mple.com", "ünïcode.com", `${"a".repeat(64)}.com`])
      assert.equal(isHostname(bad), false, bad);
    assert.ok(isIPv4("10.0.0.1") && !isIPv4("256.1.1.1") && !isIPv4("01.1.1.1"));
    assert.ok(isIPv6("2001:db8::1") && isIPv6("::1") && !isIPv6("2001:db8::1::2") && !isIPv6("example.com"));
  });
});

describe("physical names", () => {
  it("are deterministic, unique per stack and within limits", async () => {
    const dev = await inStack(() => physicalName("awsLambda", "api", "users"));
    const prod = await inStack(() => physicalName("awsLambda", "api", "users"), "prod");
    assert.equal(dev, "meridian-dev-api-users");
    assert.equal(prod, "meridian-prod-api-users");
    assert.equal(await inStack(() => physicalName("awsLambda", "api", "users")), dev);
  });

  it("cut long names and keep them distinct with a hash", async () => {
    const [a, b] = await inStack(() => [
      physicalName("awsLoadBalancer", "a-very-long-service-name", "us-east-1"),
      physicalName("awsLoadBalancer", "a-very-long-service-name", "us-east-2"),
    ]);
    assert.ok(a.length <= 32 && b.length <= 32, `${a} ${b}`);
    assert.notEqual(a, b);
  });

  it("respect every rule's charset, case, start and length for hostile input", async () => {
    const parts = ["Ünïcode Näme!!", "x".repeat(300), "--__..", "9starts-with-digit"];
    const names = await inStack(
      () =>
        Object.keys(NAME_RULES).map((k) => {
          const kind = k as keyof typeof NAME_RULES;
          const scope = { scope: "my-project-123456", seed: "0123456789abcdef0123456789abcdef" };
          return pulumi
            .output(NAME_RULES[kind].globallyUnique ? globalName(kind, scope, ...parts) : physicalName(kind, ...parts))
            .apply((n) => [k, n] as const);
        }),
      "Prod_Stack",
    );
    for (const [kind, name] of await Promise.all(names.map(valueOf))) {
      const rule = NAME_RULES[kind as keyof typeof NAME_RULES];
      assert.ok(name.length <= rule.max, `${kind}: ${name.length} > ${rule.max}`);
      assert.ok(
        Array.from(name).every((ch) => rule.allowed.test(ch)),
        `${kind}: ${name}`,
      );
      if (rule.lowercase) assert.equal(name, name.toLowerCase());
      if (rule.startWithLetter) assert.match(name, /^[A-Za-z]/, kind);
    }
  });

  it("refuse a worldwide kind in physicalName: those names go through globalName (issue 15 item 5)", async () => {
    await inStack(() => assert.throws(() => physicalName("azureStorageAccount", "fn"), /use globalName/));
  });
});

describe("tags", () => {
  it("use each cloud's format", async () => {
    const [aws, gcp, cf] = await inStack(
      () => [
        commonTags("aws", "ServerlessFunction"),
        commonTags("gcp", "ServerlessFunction"),
        commonTags("cloudflare", "X"),
      ],
      "Prod",
    );
    assert.deepEqual(aws, {
      app: "meridian",
      stack: "Prod",
      component: "ServerlessFunction",
      "managed-by": "meridian",
    });
    assert.deepEqual(gcp, {
      app: "meridian",
      stack: "prod",
      component: "serverlessfunction",
      "managed-by": "meridian",
    });
    assert.deepEqual(cf, {});
  });
});
