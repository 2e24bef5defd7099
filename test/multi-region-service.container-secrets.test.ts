import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, MultiRegionService, MultiRegionServiceArgs } from "../lib";
import { checkPlan, formatViolation } from "../lib/policy";
import { Plan, PlanResource, findResources, getResource, recordPlan } from "../lib/testing";
import { crossRegionEdges } from "./support/multi-region-service-helpers";
import { appSecretName } from "../lib/azure/multi-region-service/container-secrets";

/**
 * `container.secrets` on MultiRegionService: each cloud keeps the values in its secret store and the container
 * references them, so no value is in the task definition, the Cloud Run service or the Container App template —
 * nor anywhere in the recorded plan — and only the service's own identity may read them.
 */
const VALUE = "pl41ntext-db-password-value";
const TOKEN = "pl41ntext-api-token-value";
const secrets = () => ({ DB_PASSWORD: pulumi.secret(VALUE), API_TOKEN: pulumi.secret(TOKEN) });

function service(regions: string[], dns?: MultiRegionServiceArgs["routing"]): () => void {
  return () => {
    new MultiRegionService("api", {
      regions: regions as MultiRegionServiceArgs["regions"],
      container: {
        image: "ghcr.io/acme/api:1.0.0",
        port: 8080,
        environment: { LOG_LEVEL: "info" },
        secrets: secrets(),
      },
      healthCheck: { path: "/healthz" },
      routing: dns,
    });
  };
}

const CONFIG = { "gcp:project": "meridian-test" };
const DNS: MultiRegionServiceArgs["routing"] = {
  strategy: "latency",
  dns: { provider: "route53", zone: "meridian-test.dev", record: "api", route53: { zoneId: "Z0123456789ABC" } },
};
const noPlaintext = (plan: Plan) => {
  const json = JSON.stringify(plan);
  assert.ok(!json.includes(VALUE) && !json.includes(TOKEN), "a secret value appears in the plan");
};
const policyClean = (plan: Plan) =>
  assert.deepStrictEqual(
    // Every policy, the secrets rules (no-plaintext-secrets-in-environment, secret-inputs-are-pulumi-secrets) included.
    checkPlan(plan).map(formatViolation),
    [],
  );
const ofRegion = (plan: Plan, type: string, label: string): PlanResource[] =>
  findResources(plan, type).filter((r) => r.name.startsWith(`api-${label}-`));

describe("MultiRegionService container.secrets on AWS (Secrets Manager + ECS secrets)", () => {
  const LABELS = ["us-east-1", "eu-west-1"];
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(service(["aws:us-east-1", "aws:eu-west-1"], DNS), { config: CONFIG });
  });

  it("never records a value: the secret versions are secret, the task definition only references", () => {
    noPlaintext(plan);
    for (const v of findResources(plan, "aws:secretsmanager/secretVersion:SecretVersion"))
      assert.deepStrictEqual(v.inputs.secretString, { secret: true });
  });

  it("one secret per region, in that region (a secret lives in one region; regions stay independent)", () => {
    for (const label of LABELS) {
      const [secret] = ofRegion(plan, "aws:secretsmanager/secret:Secret", label);
      assert.strictEqual(secret.inputs.region, label);
    }
    assert.deepStrictEqual(crossRegionEdges(plan, "api", LABELS), []);
  });

  it("references each key as <arn>:<KEY>:: in the container definition, not as plain environment", () => {
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html (JSON key form)
    for (const label of LABELS) {
      const [secret] = ofRegion(plan, "aws:secretsmanager/secret:Secret", label);
      const arn = secretArn(plan, secret);
      const [task] = ofRegion(plan, "aws:ecs/taskDefinition:TaskDefinition", label);
      const [def] = JSON.parse(String(task.inputs.containerDefinitions));
      assert.deepStrictEqual(def.secrets, [
        { name: "API_TOKEN", valueFrom: `${arn}:API_TOKEN::` },
        { name: "DB_PASSWORD", valueFrom: `${arn}:DB_PASSWORD::` },
      ]);
      const names = def.environment.map((e: { name: string }) => e.name);
      assert.ok(!names.includes("DB_PASSWORD") && !names.includes("API_TOKEN"));
      // A new value is a new version id, so a new task definition: ECS does not refresh a running task's secrets.
      assert.ok(names.includes("MERIDIAN_SECRETS_VERSION"));
    }
  });

  it("lets the execution role read exactly each region's secret, and keeps those grants under the exclusive list", () => {
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html: secretsmanager:
    // GetSecretValue on the secret; kms:Decrypt only for a customer managed key (the default key is used here).
    const names: string[] = [];
    for (const label of LABELS) {
      const [policy] = ofRegion(plan, "aws:iam/rolePolicy:RolePolicy", label);
      const [secret] = ofRegion(plan, "aws:secretsmanager/secret:Secret", label);
      const doc = JSON.parse(String(policy.inputs.policy));
      assert.deepStrictEqual(doc.Statement, [
        {
          Sid: "ReadOwnSecrets",
          Effect: "Allow",
          Action: ["secretsmanager:GetSecretValue"],
          Resource: [secretArn(plan, secret)],
        },
      ]);
      names.push(String(policy.inputs.name));
      const [svc] = ofRegion(plan, "aws:ecs/service:Service", label);
      assert.ok(svc.dependencies.includes(policy.urn), `${label}: the service waits for the grant`);
    }
    const exclusive = getResource(
      plan,
      "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive",
      "api-execution-role-policies-exclusive",
    );
    assert.deepStrictEqual([...(exclusive.inputs.policyNames as string[])].sort(), names.sort());
  });

  it("passes the policy gate", () => policyClean(plan));
});

/** The ARN the region's read grant names: checked to be that region's Secrets Manager secret. */
function secretArn(plan: Plan, secret: PlanResource): string {
  const region = String(secret.inputs.region);
  const [policy] = ofRegion(plan, "aws:iam/rolePolicy:RolePolicy", region);
  const arn = String(JSON.parse(String(policy.inputs.policy)).Statement[0].Resource[0]);
  assert.match(arn, new RegExp(`^arn:aws:secretsmanager:${region}:\\d{12}:secret:`));
  return arn;
}

describe("MultiRegionService container.secrets on Google Cloud (Secret Manager + secretKeyRef)", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(service(["gcp:us-central1", "gcp:europe-west1"], DNS), {
      config: CONFIG,
    });
  });

  it("never records a value", () => {
    noPlaintext(plan);
    for (const v of findResources(plan, "gcp:secretmanager/secretVersion:SecretVersion"))
      assert.deepStrictEqual(v.inputs.secretData, { secret: true });
  });

  it("one automatically replicated secret per key, readable by the runtime account only", () => {
    // https://cloud.google.com/secret-manager/docs/choosing-replication (automatic: one global secret);
    // https://cloud.google.com/run/docs/configuring/services/secrets#access-secret (secretAccessor for the identity).
    const created = findResources(plan, "gcp:secretmanager/secret:Secret");
    assert.strictEqual(created.length, 2);
    for (const s of created) assert.deepStrictEqual(s.inputs.replication, { auto: {} });
    const account = getResource(plan, "gcp:serviceaccount/account:Account", "api-sa");
    const grants = findResources(plan, "gcp:secretmanager/secretIamMember:SecretIamMember");
    assert.strictEqual(grants.length, 2);
    for (const g of grants) {
      assert.strictEqual(g.inputs.role, "roles/secretmanager.secretAccessor");
      assert.strictEqual(
        g.inputs.member,
        `serviceAccount:${account.inputs.accountId}@meridian-test.iam.gserviceaccount.com`,
      );
    }
  });

  it("each region's Cloud Run container references a pinned version, and waits for the grants", () => {
    // https://cloud.google.com/run/docs/configuring/services/secrets: env secrets resolve at instance start, so pin a
    // version; Cloud Run checks the service account's access when it deploys.
    const grants = findResources(plan, "gcp:secretmanager/secretIamMember:SecretIamMember").map((g) => g.urn);
    for (const run of findResources(plan, "gcp:cloudrunv2/service:Service")) {
      const envs = (run.inputs.template as any).containers[0].envs as any[];
      const refs = envs
        .filter((e) => e.valueSource)
        .map((e) => [e.name, Object.keys(e.valueSource.secretKeyRef).sort()]);
      assert.deepStrictEqual(refs, [
        ["API_TOKEN", ["secret", "version"]],
        ["DB_PASSWORD", ["secret", "version"]],
      ]);
      assert.ok(envs.every((e) => e.value === undefined || e.name === "LOG_LEVEL"));
      for (const g of grants) assert.ok(run.dependencies.includes(g), `${run.name} waits for ${g}`);
    }
  });

  it("enables the Secret Manager API like the other APIs", () => {
    const services = findResources(plan, "gcp:projects/service:Service").map((s) => s.inputs.service);
    assert.ok(services.includes("secretmanager.googleapis.com"), String(services));
  });

  it("passes the policy gate", () => policyClean(plan));
});

describe("MultiRegionService container.secrets on Azure (Container Apps secrets + secretRef)", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(service(["azure:westeurope", "azure:northeurope"], { strategy: "failover" }), {
      config: CONFIG,
    });
  });

  it("stores the values in a Key Vault per region and references them from the app, never inline", () => {
    // https://learn.microsoft.com/azure/container-apps/manage-secrets (Key Vault references: URL + identity)
    noPlaintext(plan);
    for (const label of ["westeurope", "northeurope"]) {
      const stored = ofRegion(plan, "azure-native:keyvault:Secret", label);
      assert.strictEqual(stored.length, 2);
      for (const s of stored) assert.deepStrictEqual(s.inputs.properties, { value: { secret: true } });
      const [vault] = ofRegion(plan, "azure-native:keyvault:Vault", label);
      assert.strictEqual((vault.inputs.properties as any).enableRbacAuthorization, true);
      const [identity] = ofRegion(plan, "azure-native:managedidentity:UserAssignedIdentity", label);
      const [grant] = ofRegion(plan, "azure-native:authorization:RoleAssignment", label);
      assert.match(String(grant.inputs.roleDefinitionId), /4633458b-17de-408a-b874-0445c86b69e6$/); // Key Vault Secrets User
      const [app] = ofRegion(plan, "azure-native:app:ContainerApp", label);
      assert.ok(app.dependencies.includes(grant.urn), "the app is created once its identity may read the vault");
      const config = app.inputs.configuration as any;
      assert.ok(config.ingress, "configuration stays plain (readable by diffs and the policy gate)");
      const secretsOfApp = config.secrets as any[];
      assert.ok(secretsOfApp.every((s) => s.value === undefined && /^https:\/\//.test(s.keyVaultUrl)));
      assert.ok(secretsOfApp.every((s) => s.identity === (app.inputs.identity as any).userAssignedIdentities[0]));
      const env = (app.inputs.template as any).containers[0].env as any[];
      const refs = env.filter((e) => e.secretRef);
      assert.deepStrictEqual(
        refs.map((e) => e.name),
        ["API_TOKEN", "DB_PASSWORD"],
      );
      assert.deepStrictEqual(
        refs.map((e) => e.secretRef),
        secretsOfApp.map((s) => s.name),
      );
      assert.ok(refs.every((e) => e.value === undefined));
      assert.ok(identity);
    }
    assert.deepStrictEqual(crossRegionEdges(plan, "api", ["westeurope", "northeurope"]), []);
  });

  it("names app secrets as Container Apps requires, one per variable", () => {
    // Lower case alphanumerics and '-', alphanumeric at both ends, at most 63 (ContainerAppInvalidSecretName:
    // Azure/container-apps-deploy-action#116, microsoft/azure-container-apps#495).
    const names = ["DB_PASSWORD", "_X_", "A", "x".repeat(200), "Z9"].map(appSecretName);
    for (const n of names) assert.match(n, /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
    assert.strictEqual(new Set(names).size, names.length);
  });

  it("passes the policy gate", () => policyClean(plan));
});

describe("MultiRegionService container.secrets validation (the same as ServerlessFunction secrets)", () => {
  const attempt = (container: Record<string, unknown>, extra: Partial<MultiRegionServiceArgs> = {}) =>
    recordPlan(
      () => {
        new MultiRegionService("api", {
          regions: ["azure:westeurope"],
          container: { image: "ghcr.io/acme/api:1.0.0", ...container } as MultiRegionServiceArgs["container"],
          ...extra,
        });
      },
      { config: CONFIG },
    );

  it("refuses a name that is both plain and secret", async () => {
    await assert.rejects(
      attempt({ environment: { DB_PASSWORD: "x" }, secrets: { DB_PASSWORD: pulumi.secret(VALUE) } }),
      (e: ConfigError) => e.name === "ConfigError" && e.field === "container.secrets.DB_PASSWORD",
    );
    await assert.rejects(
      attempt(
        { secrets: { DB_PASSWORD: pulumi.secret(VALUE) } },
        { perRegion: { "azure:westeurope": { environment: { DB_PASSWORD: "x" } } } },
      ),
      (e: ConfigError) => e.field === "perRegion.azure:westeurope.environment.DB_PASSWORD",
    );
  });

  it("refuses a bad name, and a non-string value without showing it", async () => {
    await assert.rejects(
      attempt({ secrets: { "db-password": "x" } }),
      (e: ConfigError) => e.field === "container.secrets.db-password",
    );
    await assert.rejects(attempt({ secrets: { DB_PASSWORD: 12345678 } }), (e: ConfigError) => {
      assert.strictEqual(e.field, "container.secrets.DB_PASSWORD");
      assert.ok(!e.message.includes("12345678"), e.message);
      return true;
    });
  });

  it("refuses names that differ only in case when a region is on Azure", async () => {
    await assert.rejects(
      recordPlan(() => {
        new MultiRegionService("api", {
          regions: ["azure:westeurope"],
          container: { image: "ghcr.io/acme/api:1.0.0", secrets: { Token: "a", TOKEN: "b" } },
        });
      }),
      (e: ConfigError) => e.name === "ConfigError" && /differ only in case/.test(e.message),
    );
  });
});
