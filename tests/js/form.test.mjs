// Unit tests of the form's pure functions (node --test tests/js/form.test.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { computeTotals, dumps, getPath, ordered, parseBlock, parseJSON, parseValue, setPath, stringify } from "../../src/govinfo_report/form/static/form.js";

const model = {
  format: "2021",
  cells: {},
  totals: [
    ["$.a.total", ["$.a.x", "$.a.y"]],
    ["$.b.total", ["$.b.x", "$.b.y"]],
    ["$.sum.total", ["$.a.total", "$.b.total"]],
  ],
  order: { $schema: null, format: null, a: { x: null, y: null, total: null }, b: { x: null, y: null, total: null }, sum: { total: null }, list: [{ k: null, v: null }], extensions: null },
  blank: { $schema: "S", format: "2021", a: { x: null, y: null, total: null }, b: { x: null, y: null, total: null }, sum: { total: null }, list: [], extensions: {} },
};

test("blank input is null, never 0", () => {
  for (const kind of ["count", "signed", "money", "year"]) {
    assert.deepEqual(parseValue(kind, ""), { value: null });
    assert.deepEqual(parseValue(kind, "  "), { value: null });
  }
  assert.deepEqual(parseValue("count", "0"), { value: 0 });
});

test("counts, signed counts, money and years are read exactly; the rest is refused", () => {
  assert.deepEqual(parseValue("count", " 12 "), { value: 12 });
  assert.deepEqual(parseValue("count", "１２"), { value: 12 });
  assert.equal(parseValue("count", "-1").error, "notCount");
  assert.equal(parseValue("count", "1.5").error, "notCount");
  assert.equal(parseValue("count", "十二").error, "notCount");
  assert.equal(parseValue("count", "99999999999999999").error, "notCount");
  assert.deepEqual(parseValue("signed", "-3"), { value: -3 });
  assert.deepEqual(parseValue("signed", "−3"), { value: -3 });
  assert.equal(parseValue("signed", "3-").error, "notSigned");
  assert.deepEqual(parseValue("money", "0.35"), { value: "0.35" });
  assert.deepEqual(parseValue("money", "1.50"), { value: "1.50" });
  assert.deepEqual(parseValue("money", "007"), { value: "7" });
  assert.equal(parseValue("money", "1e3").error, "notMoney");
  assert.equal(parseValue("money", "-1").error, "notMoney");
  assert.equal(parseValue("money", "1,000").error, "notMoney");
  assert.deepEqual(parseValue("year", "2023"), { value: 2023 });
  assert.equal(parseValue("year", "23").error, "notYear");
  assert.deepEqual(parseValue("text", " 原文 "), { value: " 原文 " });
});

test("a block copied from a spreadsheet is rows of cells", () => {
  assert.deepEqual(parseBlock("1\t2\r\n3\t\n"), [["1", "2"], ["3", ""]]);
  assert.deepEqual(parseBlock("1\n\n2"), [["1"], [""], ["2"]]);
});

test("totals follow their addends; a blank addend makes a blank total", () => {
  const doc = structuredClone(model.blank);
  Object.assign(doc.a, { x: 1, y: 2 });
  Object.assign(doc.b, { x: 3, y: null });
  computeTotals(doc, model, null);
  assert.equal(doc.a.total, 3);
  assert.equal(doc.b.total, null);
  assert.equal(doc.sum.total, null);
  doc.b.y = 4;
  const set = computeTotals(doc, model, new Set(["$.b.y"]));
  assert.deepEqual([...set].sort(), ["$.b.total", "$.b.y", "$.sum.total"]);
  assert.equal(doc.sum.total, 10);
});

test("only the totals of changed cells are recomputed (printed totals stay)", () => {
  const doc = structuredClone(model.blank);
  Object.assign(doc.a, { x: 1, y: 2, total: 99 });
  Object.assign(doc.b, { x: 1, y: 1, total: 2 });
  computeTotals(doc, model, new Set(["$.b.x"]));
  assert.equal(doc.a.total, 99);
  assert.equal(doc.sum.total, 101);
});

test("paths read and write nested keys", () => {
  const doc = {};
  setPath(doc, "$.a.b.c", 1);
  assert.equal(getPath(doc, "$.a.b.c"), 1);
  assert.equal(getPath(doc, "$.a.x"), null);
});

test("keys come out in model order; missing keys take the blank value; extensions keep theirs", () => {
  const doc = { extensions: { z: 1, a: [1, { y: 2, b: 3 }] }, list: [{ v: 2, k: 1 }], sum: { total: 1 }, a: { total: 3, y: 2, x: 1 }, format: "2021" };
  const out = ordered(doc, model.order, model.blank);
  assert.deepEqual(Object.keys(out), ["$schema", "format", "a", "b", "sum", "list", "extensions"]);
  assert.deepEqual(Object.keys(out.a), ["x", "y", "total"]);
  assert.deepEqual(Object.keys(out.list[0]), ["k", "v"]);
  assert.deepEqual(Object.keys(out.extensions), ["z", "a"]);
  assert.equal(out.$schema, "S");
  assert.ok(dumps(doc, model).endsWith("}\n"));
  assert.match(dumps(doc, model), /^\{\n {2}"\$schema": "S",\n/);
});

test("keys that look like array indices keep their place through parse and stringify", () => {
  const text = '{"b": 1, "10": {"z": [], "2": {}, "a": "\\"x\\": 1"}, "1": [{"y": 1, "0": 2}], "s": "\\"3\\":"}';
  const doc = parseJSON(text);
  assert.deepEqual(doc, JSON.parse(text));
  assert.deepEqual(stringify(doc).match(/"[^"\\]*": /g), ['"b": ', '"10": ', '"z": ', '"2": ', '"a": ', '"1": ', '"y": ', '"0": ', '"s": ']);
  assert.equal(stringify({ a: [1, { b: null }], c: {} , d: []}), JSON.stringify({ a: [1, { b: null }], c: {}, d: [] }, null, 2));
});
