/**
 * Compile-time proof that a list of argument keys names every key of `Args`, so that a field added to an args
 * interface cannot be forgotten by the validator's unknown-key check (which would then refuse the new field).
 * Pair it with `as const satisfies readonly (keyof Args)[]`, which refuses a key `Args` does not have:
 *
 * @example
 * const ARG_KEYS = ["target", "runtime"] as const satisfies readonly (keyof FunctionArgs)[];
 * everyKeyListed<FunctionArgs, typeof ARG_KEYS>(true); // a type error naming the keys left out, if any
 */
export function everyKeyListed<Args, Keys extends readonly (keyof Args)[]>(
  proof: [Exclude<keyof Args, Keys[number]>] extends [never] ? true : { missing: Exclude<keyof Args, Keys[number]> },
): void {
  void proof;
}
