import * as path from "path";
import { pathToFileURL } from "url";
import { Program } from "./record";

// A real dynamic import(): tsc compiles `import()` to `require()` under module commonjs, which cannot load ESM.
const importModule = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<unknown>;
let esmLoads = 0;

/**
 * A Pulumi program loaded from a file (an app stack or an example's `index.ts`), re-evaluated on every call:
 * its module (and the modules beside it in its folder) are dropped from the require cache first, so each
 * recording runs the program's top level again. A default export that is a function is called (Pulumi's
 * `export = async () => {...}` form); otherwise the module's exports are the stack outputs. An ES module program
 * (`.mjs`, or `.js` under `"type": "module"`), which `require` refuses on this Node.js, is loaded with `import()`
 * under a fresh URL each time, so its top level runs again too.
 */
export function programFromFile(file: string): Program {
  const full = path.resolve(file);
  const dir = path.dirname(full);
  return async () => {
    for (const key of Object.keys(require.cache)) {
      if (key.startsWith(dir + path.sep) && !key.includes(`${path.sep}node_modules${path.sep}`))
        delete require.cache[key];
    }

    let mod;
    try {
      mod = require(full);
    } catch (err) {
      if ((err as NodeJS.ErrnoException)?.code !== "ERR_REQUIRE_ESM") throw err;
      mod = (await importModule(`${pathToFileURL(full).href}?meridian-run=${++esmLoads}`)) as Record<string, unknown>;
    }
    const main = typeof mod === "function" ? mod : typeof mod?.default === "function" ? mod.default : undefined;
    if (main) return await main();
    const { default: _default, ...named } = mod ?? {};
    return _default && typeof _default === "object" ? { ..._default, ...named } : named;
  };
}
