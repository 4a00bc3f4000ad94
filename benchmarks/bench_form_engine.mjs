// Times the browser engine over the reports of a JSONL file (argv[3]) with the rule set of
// argv[2]: best of `repeat` passes after a warm-up pass, per report, and the 99th percentile
// and slowest of the single reports' times.
import {readFileSync} from "node:fs";
import {evaluate} from "../src/govinfo_report/form/static/rules.js";

const ruleSet = JSON.parse(readFileSync(process.argv[2], "utf8"));
const reports = readFileSync(process.argv[3], "utf8").split("\n").filter(Boolean)
  .map((line) => JSON.parse(line));
const repeat = Number(process.argv[4] ?? 3);
const first = performance.now();
evaluate(ruleSet, reports[0]);
const cold = performance.now() - first;
for (const report of reports) evaluate(ruleSet, report);
let best = Infinity;
for (let pass = 0; pass < repeat; pass += 1) {
  const start = performance.now();
  for (const report of reports) evaluate(ruleSet, report);
  best = Math.min(best, performance.now() - start);
}
// Each report's own time is its best of five, which keeps pauses of the machine out of it.
const each = reports.map((report) => {
  let fastest = Infinity;
  for (let run = 0; run < 5; run += 1) {
    const start = performance.now();
    evaluate(ruleSet, report);
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}).sort((a, b) => a - b);
process.stdout.write(JSON.stringify({
  per_report_us: (best / reports.length) * 1000, first_call_ms: cold,
  p99_ms: each[Math.floor(each.length * 0.99)], slowest_ms: each[each.length - 1],
}) + "\n");
