import * as fs from "fs";

/**
 * Reads a `.env` file (`KEY=value` lines, `export` prefix, `#` comments, single- or double-quoted values
 * where double quotes understand `\n`). A missing file is an empty map: the file is optional and never
 * committed (`.env` is in .gitignore).
 * @throws Error naming the file and line for a line that is not `KEY=value`.
 */
export function readDotenv(file: string): Record<string, string> {
  if (!fs.existsSync(file)) return {};
  return parseDotenv(fs.readFileSync(file, "utf8"), file);
}

export function parseDotenv(text: string, file = ".env"): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "" || line.startsWith("#")) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) throw new Error(`${file}:${i + 1}: expected KEY=value`);
    const [, key, rest] = m;
    let value: string;
    if (rest.startsWith('"')) {
      // A double-quoted value may span lines until the closing quote.
      let body = rest.slice(1);
      while (!/(^|[^\\])"\s*(#.*)?$/.test(body) && i + 1 < lines.length) body += `\n${lines[++i]}`;
      const end = body.search(/(^|[^\\])"\s*(#.*)?$/);
      const closing = end < 0 ? body.length : body[end] === '"' ? end : end + 1;
      value = body
        .slice(0, closing)
        .replace(/\\n/g, "\n")
        .replace(/\\r/g, "\r")
        .replace(/\\t/g, "\t")
        .replace(/\\"/g, '"')
        .replace(/\\\\/g, "\\");
    } else if (rest.startsWith("'")) {
      const end = rest.indexOf("'", 1);
      value = end < 0 ? rest.slice(1) : rest.slice(1, end);
    } else {
      value = rest.replace(/\s+#.*$/, "").trim();
    }
    out[key] = value;
  }
  return out;
}
