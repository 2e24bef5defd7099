/**
 * The engine refuses a second registration of a URN it has seen in the same deployment, with this message
 * (pulumi/pulumi pkg/diag/errors.go, `GetDuplicateResourceURNError`, code 2001:
 * https://github.com/pulumi/pulumi/blob/master/pkg/diag/errors.go). The mock engine accepts it, so the recording
 * checks it itself: a plan that records is one the engine would accept.
 */
export class DuplicateUrnError extends Error {
  readonly urn: string;

  constructor(urn: string) {
    super(`Duplicate resource URN '${urn}'; try giving it a unique name`);
    this.name = "DuplicateUrnError";
    this.urn = urn;
  }
}

/** A checker for one recording: returns the error for a URN registered before, undefined for a new one. */
export function duplicateUrnCheck(): (urn: string) => DuplicateUrnError | undefined {
  const seen = new Set<string>();
  return (urn) => {
    if (seen.has(urn)) return new DuplicateUrnError(urn);
    seen.add(urn);
    return undefined;
  };
}
