import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { checkPlan, isSecretName, POLICIES, Violation } from "../lib/policy";
import { PACK_POLICIES } from "../lib/policy/pack/policies";
import { casePlan, CASES } from "./fixtures/policy-cases";

const ROOT = path.resolve(__dirname, "..");
const byPolicy = (vs: Violation[], name: string) => vs.filter((v) => v.policy === name);
const show = (vs: Violation[]) => vs.map((v) => `${v.policy} ${v.urn}: ${v.message}`).join("\n");

describe("policy pack: rules", () => {
  it("has at least 15 policies, all mandatory, with unique names and a description of what and why", () => {
    assert.ok(POLICIES.length >= 15, `${POLICIES.length} policies`);
    assert.strictEqual(new Set(POLICIES.map((p) => p.name)).size, POLICIES.length);
    for (const p of POLICIES) {
      assert.match(p.name, /^[a-z0-9-]+$/);
      assert.ok(p.description.length > 80 && /Why:/.test(p.description), `${p.name}: description says what and why`);
      assert.ok(p.types.length > 0);
    }
    assert.ok(PACK_POLICIES.every((p) => p.enforcementLevel === "mandatory"));
    const clouds = new Set(POLICIES.flatMap((p) => p.clouds));
    for (const c of ["aws", "gcp", "azure", "cloudflare"]) assert.ok(clouds.has(c as never), `covers ${c}`);
  });

  it("docs/policy.md lists every policy with its description as the code says it", () => {
    const docs = fs.readFileSync(path.join(ROOT, "docs", "policy.md"), "utf8");
    for (const p of POLICIES)
      assert.ok(
        docs.includes(`| \`${p.name}\` | ${p.clouds.join(", ")} | ${p.scope} | ${p.description} |`),
        `docs/policy.md: the row of ${p.name} is missing or stale`,
      );
    assert.match(docs, new RegExp(`ships ${POLICIES.length} mandatory policies`));
  });

  it("has an insecure and a secure fixture for every policy", () => {
    assert.deepStrictEqual(
      POLICIES.map((p) => p.name).filter((n) => !CASES.some((c) => c.policy === n)),
      [],
    );
  });

  for (const c of CASES) {
    describe(c.policy, () => {
      it(`fires on insecure input (${c.why})`, () => {
        const vs = checkPlan(casePlan(c.insecure, c.stack));
        const mine = byPolicy(vs, c.policy);
        assert.strictEqual(mine.length, c.expected, show(vs));
        for (const v of mine) {
          assert.ok(v.urn.startsWith(`urn:pulumi:${c.stack ?? "dev"}::fixture::`));
          assert.strictEqual(v.enforcementLevel, "mandatory");
          assert.ok(v.message.length > 10);
        }
      });
      it("is silent on the secure counterpart (and so is every other policy)", () => {
        const vs = checkPlan(casePlan(c.secure, c.stack));
        assert.deepStrictEqual(vs, [], show(vs));
      });
    });
  }

  // The test this replaces asserted that unknown and secret settings are skipped: that is failing open (a
  // `blockPublicAcls: pulumi.secret(false)` passed). Settings a rule must see now fail closed; references to other
  // resources (a health check id, a URL map, a function name) are still fine when unknown.
  it("fails closed on settings it cannot judge (secret, or unknown offline) and accepts unknown references", () => {
    const unknown = { unknown: true };
    const secret = { secret: true };
    const plan = casePlan([
      { type: "aws:iam/rolePolicy:RolePolicy", name: "p", inputs: { role: "r", policy: unknown } },
      {
        type: "aws:lb/listener:Listener",
        name: "l",
        inputs: { protocol: "HTTPS", sslPolicy: secret, defaultActions: [] },
      },
      {
        type: "aws:lambda/function:Function",
        name: "f",
        inputs: { name: "f", environment: { variables: { API_TOKEN: unknown } } },
      },
      { type: "aws:cloudwatch/logGroup:LogGroup", name: "lg", inputs: { name: "/aws/lambda/f", retentionInDays: 7 } },
      { type: "gcp:compute/targetHttpProxy:TargetHttpProxy", name: "h", inputs: { urlMap: unknown } },
      {
        type: "aws:route53/record:Record",
        name: "r",
        inputs: { failoverRoutingPolicies: [{ type: "PRIMARY" }], healthCheckId: unknown },
      },
    ]);
    const vs = checkPlan(plan);
    assert.deepStrictEqual(
      vs.map((v) => `${v.policy} ${v.urn.split("::").pop()}`),
      ["aws-iam-no-wildcard-actions p", "aws-load-balancer-https-only l", "no-plaintext-secrets-in-environment f"],
      show(vs),
    );
    assert.match(vs[1].message, /sslPolicy is a Pulumi secret, so this policy cannot check it/);
    assert.match(vs[0].message, /not known until the update/);
  });

  it("keeps a secret from hiding its neighbours: a secret siteConfig is reported, not read as unset", () => {
    const vs = checkPlan(
      casePlan([
        { type: "azure-native:web:WebApp", name: "app", inputs: { httpsOnly: true, siteConfig: { secret: true } } },
      ]),
    );
    assert.deepStrictEqual(
      vs.map((v) => v.policy),
      ["azure-app-service-https-only", "no-plaintext-secrets-in-environment"],
    );
    assert.ok(
      vs.every((v) => /siteConfig/.test(v.message) && !/unset/.test(v.message)),
      show(vs),
    );
  });

  it("tells secret names from references to secrets", () => {
    for (const n of [
      "DB_PASSWORD",
      "apiKey",
      "API_KEY",
      "STRIPE_SECRET",
      "githubToken",
      "private-key",
      "CLIENT_SECRET",
      "AWS_SECRET_ACCESS_KEY",
      "Credentials",
    ])
      assert.ok(isSecretName(n), n);
    for (const n of [
      "SECRETS_ARN",
      "MERIDIAN_SECRETS_ARN",
      "TOKEN_URL",
      "API_KEY_HEADER",
      "AzureWebJobsSecretStorageType",
      "SECRET_NAME",
      "GREETING",
      "MONKEY",
      "KEYBOARD_LAYOUT",
      "PWD",
      "TOKEN_LIMIT",
    ])
      assert.ok(!isSecretName(n), n);
  });
});
