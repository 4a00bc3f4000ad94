// Compile a JSON Schema with ajv in strict mode and validate documents with it.
// Usage: node validate.mjs SCHEMA DOCUMENT...   Prints {"compiled": true, "results": {doc: bool}}.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [schemaPath, ...documents] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
const results = {};
for (const path of documents) {
  const ok = validate(JSON.parse(readFileSync(path, "utf8")));
  results[path] = ok ? true : validate.errors.map((e) => `${e.instancePath} ${e.message}`);
}
console.log(JSON.stringify({ compiled: true, results }));
