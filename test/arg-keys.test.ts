import * as assert from "node:assert/strict";
import { everyKeyListed } from "../lib/core/arg-keys";

interface Example {
  a: number;
  b?: string;
}

// Both directions are checked by the compiler (`npm test` runs tsc over test/): `@ts-expect-error` fails the type
// check if the line below it compiles.
describe("argument key lists tied to the args types", () => {
  it("every key listed compiles; a key left out or a misspelt one does not", () => {
    const full = ["a", "b"] as const satisfies readonly (keyof Example)[];
    everyKeyListed<Example, typeof full>(true);

    const partial = ["a"] as const satisfies readonly (keyof Example)[];
    // @ts-expect-error "b" is not listed: the proof type is { missing: "b" }, not true
    everyKeyListed<Example, typeof partial>(true);

    // @ts-expect-error "c" is not a key of Example
    const misspelt = ["a", "c"] as const satisfies readonly (keyof Example)[];
    assert.deepEqual(
      [full, partial, misspelt].map((k) => k.length),
      [2, 1, 2],
    );
  });
});
