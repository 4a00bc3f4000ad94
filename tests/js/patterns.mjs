// Reads {"patterns": [...], "texts": [...]} on stdin and writes, per pattern and text, every
// match as [code point offset, whole match, group 1 or null]: RegExp with the u flag, as the
// browser engine compiles the exported patterns.
import {readFileSync} from "node:fs";

const {patterns, texts} = JSON.parse(readFileSync(0, "utf8"));
const matches = patterns.map((pattern) => {
  const compiled = new RegExp(pattern, "gu");
  return texts.map((text) => Array.from(text.matchAll(compiled), (match) => [
    Array.from(text.slice(0, match.index)).length, match[0], match[1] ?? null,
  ]));
});
process.stdout.write(JSON.stringify(matches));
