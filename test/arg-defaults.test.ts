import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as ts from "typescript";

/*
 * Every optional property of the public args interfaces says what happens when it is left out, as a JSDoc `@default`
 * tag (AWS CDK's convention), read here with the TypeScript compiler: every interface `meridian` exports, except
 * those that are outputs rather than arguments.
 */
const ROOT = path.join(__dirname, "..");
/** Exported interfaces that describe what a component gives, not what it takes. */
const NOT_ARGS = new Set(["FunctionHandle"]);

describe("public args: every optional property has a @default", () => {
  it("no optional property of an exported args interface lacks @default", function () {
    this.timeout(120_000);
    const entry = path.join(ROOT, "lib", "index.ts");
    const program = ts.createProgram([entry], {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      noEmit: true,
    });
    const checker = program.getTypeChecker();
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
    const missing: string[] = [];
    let checked = 0;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      if (NOT_ARGS.has(exported.name)) continue;
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      for (const decl of symbol.declarations ?? []) {
        if (!ts.isInterfaceDeclaration(decl)) continue;
        for (const member of decl.members) {
          if (!ts.isPropertySignature(member) || !member.questionToken) continue;
          checked++;
          if (!ts.getJSDocTags(member).some((t) => t.tagName.text === "default"))
            missing.push(
              `${exported.name}.${member.name.getText()} (${path.relative(ROOT, decl.getSourceFile().fileName)})`,
            );
        }
      }
    }
    assert.ok(checked > 50, `only ${checked} optional properties found: the scan is broken`);
    assert.deepEqual(missing, []);
  });
});
