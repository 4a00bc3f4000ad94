// Reads cases as JSONL on stdin ({"report", "previous", "strict"}), writes each case's
// findings as one JSONL line; argv[2] is the exported rule set. Big counts stay exact.
import {readFileSync} from "node:fs";
import {createInterface} from "node:readline";
import {evaluate} from "../../src/govinfo_report/form/static/rules.js";

const ruleSet = JSON.parse(readFileSync(process.argv[2], "utf8"));
const exact = (key, value) => (typeof value === "bigint" ? `\u{E000}${value}\u{E000}` : value);
const lines = [];
for await (const line of createInterface({input: process.stdin, crlfDelay: Infinity})) {
  if (!line) continue;
  const {report, previous, strict} = JSON.parse(line);
  const findings = evaluate(ruleSet, report, {previous, strict});
  lines.push(JSON.stringify(findings, exact).replace(/"\u{E000}(-?\d+)\u{E000}"/gu, "$1"));
}
process.stdout.write(lines.join("\n") + (lines.length ? "\n" : ""));
