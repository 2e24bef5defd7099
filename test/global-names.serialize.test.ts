import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { NAME_SEED_PROVIDER } from "../lib/core/global-name";

/**
 * The real engine runs a dynamic resource's provider in a separate process from the text that
 * `pulumi.runtime.serializeFunction` makes of it (https://www.pulumi.com/docs/iac/concepts/resources/dynamic-providers/,
 * "How dynamic providers work"): a provider that captures something unserializable fails on the first `pulumi up`,
 * which the recording engine never sees. Serialize it here as the SDK does and run what comes out.
 */
describe("NameSeed's dynamic provider survives serialization", () => {
  it("serializes without captures beyond the provider and creates a 32-hex seed when evaluated", async () => {
    const sf = await pulumi.runtime.serializeFunction(() => NAME_SEED_PROVIDER, { allowSecrets: false });
    assert.ok(!/__dirname|process\.env/.test(sf.text), "the provider text captures nothing from its module");
    const mod: { exports: Record<string, unknown> } = { exports: {} };
    new Function("exports", "module", "require", sf.text)(mod.exports, mod, require);
    const factory = mod.exports[sf.exportName] as () => typeof NAME_SEED_PROVIDER;
    const provider = factory();
    const created = await provider.create({});
    assert.match(created.outs.value, /^[0-9a-f]{32}$/);
    assert.equal(created.id, created.outs.value);
    assert.deepEqual(await provider.diff(created.id, created.outs, {}), { changes: false });
  });
});
