import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Plan, recordPlan } from "../lib/testing";
import { UrnSnapshot, compareUrns, explainLostUrns, urnSnapshot } from "../lib/testing/urn-snapshot";
import { EXAMPLES, examplePlan } from "./support/examples";

const SNAPSHOTS = path.join(__dirname, "snapshots");
const UPDATE = process.env.UPDATE_SNAPSHOTS === "1";
const UPDATE_COMMAND =
  "UPDATE_SNAPSHOTS=1 npx mocha test/urn*.test.ts (then review and commit test/snapshots/*.urns.json)";

const snapshotFile = (example: string) => path.join(SNAPSHOTS, `${example}.urns.json`);

describe("URN stability: every example keeps the URNs of its snapshot (or aliases them)", function () {
  this.timeout(120_000);
  const plans: Record<string, Plan> = {};
  before(async () => {
    for (const example of EXAMPLES) plans[example] = await examplePlan(example);
    if (UPDATE) {
      fs.mkdirSync(SNAPSHOTS, { recursive: true });
      for (const example of EXAMPLES)
        fs.writeFileSync(snapshotFile(example), `${JSON.stringify(urnSnapshot(plans[example]), null, 2)}\n`);
    }
  });

  for (const example of EXAMPLES) {
    describe(example, () => {
      const read = (): UrnSnapshot => {
        const file = snapshotFile(example);
        assert.ok(
          fs.existsSync(file),
          `no URN snapshot for example ${example} (${path.relative(process.cwd(), file)}); create it with: ${UPDATE_COMMAND}`,
        );
        return JSON.parse(fs.readFileSync(file, "utf8"));
      };

      it("no snapshotted URN disappears without an alias", () => {
        const c = compareUrns(read(), plans[example]);
        assert.deepEqual(c.lost, [], explainLostUrns(`examples/${example}`, c, UPDATE_COMMAND));
      });

      it("the snapshot is current (new URNs are reviewed and recorded)", () => {
        const snap = read();
        const c = compareUrns(snap, plans[example]);
        assert.deepEqual(
          c.added,
          [],
          `examples/${example}: the plan has URNs the snapshot does not list. Check that none is a renamed resource (that needs an alias), then run: ${UPDATE_COMMAND}`,
        );
        assert.deepEqual(
          snap.stateful,
          urnSnapshot(plans[example]).stateful,
          `examples/${example}: stateful resources changed; run: ${UPDATE_COMMAND}`,
        );
      });

      it("the snapshot is consistent: one URN per resource, stateful ones among them", () => {
        const snap = read();
        assert.equal(snap.project, plans[example].project);
        assert.equal(new Set(snap.urns).size, snap.urns.length);
        for (const urn of Object.keys(snap.stateful)) assert.ok(snap.urns.includes(urn), urn);
      });
    });
  }
});

/** A stateful native resource, for the mechanism tests. */
class Bucket extends pulumi.CustomResource {
  constructor(name: string, opts?: pulumi.CustomResourceOptions) {
    super("aws:s3/bucketV2:BucketV2", name, {}, opts);
  }
}

/** A component with one child, for proving that the check sees renames and honours aliases. */
class Box extends pulumi.ComponentResource {
  constructor(name: string, child: string, aliases?: pulumi.Input<pulumi.Alias>[]) {
    super("meridian:test:Box", name, {}, {});
    new Bucket(child, { parent: this, aliases });
    this.registerOutputs({});
  }
}

describe("URN stability: the check itself", () => {
  let before_: UrnSnapshot;
  before(async () => {
    before_ = urnSnapshot(await recordPlan(() => new Box("data", "data-bucket")));
  });

  it("flags a renamed stateful child as lost, and says how to alias it", async () => {
    const c = compareUrns(before_, await recordPlan(() => new Box("data", "data-store")));
    assert.deepEqual(c.lost, ["urn:pulumi:dev::meridian::meridian:test:Box$aws:s3/bucketV2:BucketV2::data-bucket"]);
    assert.equal(c.lostStateful.length, 1);
    const message = explainLostUrns("box", c, UPDATE_COMMAND);
    assert.match(message, /STATEFUL/);
    assert.match(message, /aliases: \[\{ name: "old-name" \}\]/);
    assert.match(message, /UPDATE_SNAPSHOTS=1/);
  });

  it("accepts the rename when the child aliases its old name", async () => {
    const c = compareUrns(before_, await recordPlan(() => new Box("data", "data-store", [{ name: "data-bucket" }])));
    assert.deepEqual(c.lost, []);
    assert.deepEqual(
      c.aliased.map((a) => a.from),
      ["urn:pulumi:dev::meridian::meridian:test:Box$aws:s3/bucketV2:BucketV2::data-bucket"],
    );
  });

  it("flags a child moved out of its component unless it aliases its old parent", async () => {
    const oldParent = "urn:pulumi:dev::meridian::meridian:test:Box::data";
    const child = "urn:pulumi:dev::meridian::meridian:test:Box$aws:s3/bucketV2:BucketV2::data-bucket";
    const moved = compareUrns(
      before_,
      await recordPlan(() => {
        new Bucket("data-bucket");
      }),
    );
    assert.deepEqual(moved.lost, [child, oldParent].sort());
    assert.deepEqual(
      moved.lostStateful.map((l) => l.urn),
      [child],
    );
    const aliased = compareUrns(
      before_,
      await recordPlan(() => {
        new Bucket("data-bucket", { aliases: [{ parent: oldParent }] });
      }),
    );
    assert.deepEqual(aliased.lost, [oldParent], "only the (stateless) component itself is gone");
    assert.deepEqual(aliased.aliased, [
      { from: child, to: "urn:pulumi:dev::meridian::aws:s3/bucketV2:BucketV2::data-bucket" },
    ]);
  });
});
