import { Program } from "../../lib/testing";

/** One invalid configuration: what to run, and the ConfigError field it must be rejected on. */
export interface BadInput {
  /** What is wrong, in a few words (unique within its table). */
  title: string;
  /** The dotted field the ConfigError must name. */
  field: string;
  /** The program that tries to create it. */
  program: Program;
  /** Stack config to record with (stack-config cases). */
  config?: Record<string, unknown>;
  /** The ConfigError's component, when it is not the table's default. */
  component?: string;
}

/** Builds cases for one component from `[title, field, args]` rows and a constructor call. */
export function table<A>(make: (args: A) => unknown, rows: [string, string, A][]): BadInput[] {
  return rows.map(([title, field, args]) => ({
    title,
    field,
    program: () => {
      make(args);
    },
  }));
}
