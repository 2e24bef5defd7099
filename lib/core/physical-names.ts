import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "./errors";

/**
 * Physical names claimed by the components of one evaluation, so that two components never get the same cloud name.
 *
 * Physical names are derived from component names by each cloud's rules (lib/core/naming.ts): lowercased, `_` and
 * runs of separators turned into one `-`, trailing separators dropped. So `Users`/`users`, `a_b`/`a-b`, `web-`/`web`
 * and `a--b`/`a-b` give one Lambda, Cloud Run, Workers script, Traffic Manager or Container App name; on APIs that
 * create or overwrite by name (a Workers script upload, a Container App PUT) the second would silently take the
 * first over. The registry is keyed on the final physical name and the kind of resource it names, whatever the
 * derivation, and refuses the second claim before its component registers anything.
 *
 * One registry per engine: the real engine runs one program per process, and every recording (recordPlan, the dev
 * server, `meridian plan`) starts a new mock monitor, so keying on the monitor object resets it per evaluation.
 */
export interface PhysicalNameClaim {
  /** What the name names, where names must be unique: "AWS Lambda function in us-east-1". */
  readonly kind: string;
  /** The final physical name. */
  readonly name: string;
  /** The cloud compares these names ignoring case (IAM: "Names are not distinguished by case"). @default false */
  readonly caseInsensitive?: boolean;
}

const keyOf = (c: PhysicalNameClaim) => `${c.kind}\u0000${c.caseInsensitive ? c.name.toLowerCase() : c.name}`;

const claimsByEngine = new WeakMap<object, Map<string, string>>();
const NO_ENGINE = {};

function claims(engine: object | undefined): Map<string, string> {
  const key = engine ?? NO_ENGINE;
  let map = claimsByEngine.get(key);
  if (!map) claimsByEngine.set(key, (map = new Map()));
  return map;
}

/**
 * Claims every name for `component` (e.g. `ServerlessFunction "Users"`), or throws a ConfigError naming both
 * components when one is taken; nothing is claimed then. A component may claim the same name twice (two resources
 * of one kind never share a name within one component: that is the caller's own mistake, not a collision).
 */
export function claimPhysicalNames(component: string, wanted: readonly PhysicalNameClaim[]): void {
  const engine = pulumi.runtime.getMonitor() as object | undefined;
  const taken = claims(engine);
  const on = delegations(engine);
  const as = on.get(component) ?? component;
  on.delete(component);
  for (const c of wanted) {
    const owner = taken.get(keyOf(c));
    if (owner !== undefined && owner !== as) {
      throw new ConfigError(
        component,
        "name",
        `its ${c.kind} would be named "${c.name}", which ${owner} already uses (physical names are derived from ` +
          `component names: case, "_" versus "-", repeated or trailing "-" and the suffixes of each resource can ` +
          `make two names meet); rename one of the two`,
      );
    }
  }
  for (const c of wanted) taken.set(keyOf(c), as);
}

const delegationsByEngine = new WeakMap<object, Map<string, string>>();

function delegations(engine: object | undefined): Map<string, string> {
  const key = engine ?? NO_ENGINE;
  let map = delegationsByEngine.get(key);
  if (!map) delegationsByEngine.set(key, (map = new Map()));
  return map;
}

/**
 * The next claim of `child` (e.g. `FailoverDns "api-dns"`, composed by a MultiRegionService) is made as `owner`'s. A
 * component that composes another claims the inner component's names itself, before it registers anything, so a
 * collision is the outer component's ConfigError and not the inner one's halfway through; the inner component's own
 * claim of the same names then passes. One claim only: a later component of that name claims for itself.
 */
export function delegateClaims(child: string, owner: string): void {
  delegations(pulumi.runtime.getMonitor() as object | undefined).set(child, owner);
}
