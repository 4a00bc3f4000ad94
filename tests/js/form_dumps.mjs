// Reads {"model": FormModel, "documents": [...]} on stdin and writes, for each
// document, the form's canonical text and (with "totals": true) the document
// with its totals recomputed, as a JSON array on stdout.
import { computeTotals, dumps, parseJSON } from "../../src/govinfo_report/form/static/form.js";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { model, documents, totals } = JSON.parse(input);
const out = documents.map((text) => {
  const doc = parseJSON(text);
  if (totals) computeTotals(doc, model, null);
  return dumps(doc, model);
});
process.stdout.write(JSON.stringify(out));
