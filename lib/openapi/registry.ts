import * as pulumi from "@pulumi/pulumi";
import { OpenApiDocument } from "./document";

// Every ApiGateway constructed in this process records its document here, so that `npm run plan -- --openapi DIR`
// can write the documents of a stack without the stack having to export them.
let registered: { name: string; document: pulumi.Output<OpenApiDocument> }[] = [];

/** Called by ApiGateway: remembers the document under the component's logical name. */
export function registerOpenApiDocument(name: string, document: pulumi.Output<OpenApiDocument>): void {
  registered.push({ name, document });
}

/** Forgets the documents of earlier programs: call before each recording whose documents you will collect. */
export function resetOpenApiDocuments(): void {
  registered = [];
}

/**
 * The documents registered since the last reset, resolved, keyed by ApiGateway name. Call it while the program's
 * engine is still running (inside the program passed to recordPlan, after constructing the stack).
 */
export async function collectOpenApiDocuments(): Promise<Record<string, OpenApiDocument>> {
  const out: Record<string, OpenApiDocument> = {};
  for (const { name, document } of registered) {
    out[name] = await new Promise<OpenApiDocument>((resolve) => document.apply((d) => { resolve(d); return d; }));
  }
  return out;
}
