// Unit tests of the browser rule engine (node --test tests/js/). The rule sets here are
// small hand-made ones with their own words, so what the engine writes can only come from
// the data; tests/test_form_engine.py compares it with the Python engine on the real one.
import assert from "node:assert/strict";
import {describe, test} from "node:test";
import {
  add, compare, evaluate, fillTemplate, parseCount, showNum, toNum,
} from "../../src/govinfo_report/form/static/rules.js";

const NUMERALS = {
  number: "[0-9０-９]+|[〇零一二两三四五六七八九十百千万]+",
  arabic: Object.fromEntries([..."0123456789"].flatMap((digit, value) => [
    [digit, value], [String.fromCodePoint(0xff10 + value), value]])),
  digits: {一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9},
  units: {十: 10, 百: 100, 千: 1000},
  zeros: "〇零",
  myriad: {万: 10000},
  max_length: 16,
};

const cur = (path) => ({report: "current", path});
const prev = (path) => ({report: "previous", path});

/** A rule set with one rule `X` of the given relations (format "f"), plus B2 and A1. */
function ruleSet(relations, {
  message = "{where}|{expected}|{actual}|{difference}", severity = "error",
  errorWhenStrict = false, needsPrevious = false, placeholders = {},
} = {}) {
  const labels = {
    "$.t.total": ["P", "T", "total"], "$.t.a": ["P", "T", "a"], "$.t.b": ["P", "T", "b"],
    "$.u.total": ["P", "U", "total"], "$.u.a": ["P", "U", "a"], "$.text": ["P", "text"],
    "$.level": ["M", "level"], "$.acknowledgements": ["ACK"], "$.u": ["PART"],
  };
  const engineRule = (id, template) => ({id, severity: "warning", error_when_strict: false,
    title: id, message: template, message_en: template, needs_previous: false, checks: {}});
  return {
    rules_format: 2, findings_format: 1, formats: ["f", "g"],
    rules: [
      {id: "X", severity, error_when_strict: errorWhenStrict, title: "the X",
        message, message_en: `en ${message}`, needs_previous: needsPrevious,
        checks: {f: relations, g: []}},
      engineRule("B2", "cannot {subject}/{subject_title}: {blanks} ({count})"),
      engineRule("A1", "unmatched {subject} {path} {reason}"),
    ],
    relations: {
      sum_equals: {operands: ["total", "parts"], locations: ["total"]},
      sums_equal: {operands: ["left", "right"], locations: ["right", "left"]},
      at_least: {operands: ["larger", "smaller"], locations: ["larger", "smaller"]},
      zero_unless: {operands: ["cell"], locations: ["cell"]},
      positive_implies: {operands: ["trigger", "required"], locations: ["required", "trigger"]},
      stated_in_text: {operands: ["cells"], locations: ["cells"]},
      not_blank: {operands: ["cell"], locations: ["cell"]},
      year_between: {operands: ["year"], locations: ["year"]},
      published_in_time: {operands: ["published", "year"], locations: ["published"]},
      texts_blank_while_filled: {operands: ["part"], locations: ["part"]},
    },
    labels: {f: labels, g: {"$.t.total": ["G", "total"], "$.u.total": ["G", "U", "total"]}},
    // In format g, what f calls $.t.total is $.u.total; $.t.a has no counterpart.
    crosswalk: {f: {g: {"$.t.total": "$.u.total", "$.t.a": null}}, g: {f: {}}},
    value_labels: {"$.level": {town: "TOWN"}},
    placeholders: {
      common: {
        where: {labels: "primary", view: "short"},
        expected: {value: "expected", view: "shown"},
        actual: {value: "actual", view: "shown"},
        difference: {value: "difference", view: "signed"},
      },
      ...placeholders,
    },
    engine_rules: {
      unchecked: {rule: "B2", placeholders: [], blanks_listed: 2},
      unmatched_acknowledgement: {rule: "A1", placeholders: [], labels: "$.acknowledgements"},
    },
    words: {blank: "∅", positive: "(+)", label_separator: "/", plus: "+", minus: "-",
      previous_report: "LAST:", list_separator: ";", more_blanks: " and {count} in all",
      years_between: "{first}..{last}", years_from: "{first}+", date: "{day}/{month}/{year}",
      blank_text: " _"},
    numerals: NUMERALS,
  };
}

const report = (fields) => ({format: "f", acknowledgements: [], ...fields});
const summary = (findings) => findings.map((finding) => [finding.rule, finding.json_path ??
  finding.json_paths[0], finding.message]);

describe("exact decimal arithmetic", () => {
  test("adds money at the larger scale, as Python's Decimal does", () => {
    assert.equal(showNum(add(toNum("0.35"), toNum("1.2"))), "1.55");
    assert.equal(showNum(add(toNum("1.50"), toNum("1.5"), -1)), "0.00");
    assert.equal(showNum(add(toNum("0.05"), toNum("0.1"), -1)), "-0.05");
    assert.equal(showNum(add(toNum(3), toNum("0.25"))), "3.25");
  });
  test("counts beyond 2^53 stay exact", () => {
    const largest = toNum(Number.MAX_SAFE_INTEGER);
    assert.equal(showNum(add(largest, largest)), "18014398509481982");
    assert.equal(compare(add(largest, toNum(1)), largest), 1);
  });
  test("compares across scales and reads only decimals", () => {
    assert.equal(compare(toNum("1.10"), toNum("1.1")), 0);
    assert.equal(compare(toNum("0.09"), toNum("0.1")), -1);
    assert.equal(toNum("1e3"), null);
    assert.equal(toNum(null), null);
    assert.equal(toNum(1.5), null);
  });
});

describe("numerals", () => {
  const cases = [["12", 12n], ["１２", 12n], ["十二", 12n], ["二十", 20n], ["一百零五", 105n],
    ["两", 2n], ["零", 0n], ["一万零三百", 10300n], ["两千五", 2500n], ["一百五", 150n],
    ["一万", 10000n], ["9999999999999999", 9999999999999999n]];
  for (const [text, value] of cases) {
    test(`reads ${text}`, () => assert.equal(parseCount(text, NUMERALS), value));
  }
  for (const text of ["三五", "二〇二三", "百", "零五", "一万万", "万五", "十十",
    "99999999999999999"]) {
    test(`${text} is no count`, () => assert.equal(parseCount(text, NUMERALS), null));
  }
});

describe("message templates", () => {
  test("fill like str.format_map: missing fields are empty, doubled braces literal", () => {
    assert.equal(fillTemplate("{a} {{b}} [{missing}]", {a: "x"}), "x {b} []");
  });
});

describe("relations", () => {
  const total = {relation: "sum_equals", total: cur("$.t.total"),
    parts: [{...cur("$.t.a"), sign: 1}, {...cur("$.t.b"), sign: -1}]};

  test("sum_equals holds, is violated, or cannot be checked", () => {
    const rules = ruleSet([total], {message: "{where}={parts}|{difference}", placeholders: {
      sum_equals: {parts: {labels: "parts", view: "relative", join: "signs"}}}});
    assert.deepEqual(evaluate(rules, report({t: {total: 1, a: 3, b: 2}})), []);
    const [finding] = evaluate(rules, report({t: {total: 4, a: 3, b: 2}}));
    assert.deepEqual([finding.rule, finding.json_paths, finding.message, finding.expected,
      finding.actual, finding.difference], ["X", ["$.t.total"], "T/total=a-b|(+)3", 1, 4, 3]);
    assert.deepEqual(finding.operands.map((operand) => operand.value), [4, 3, 2]);
    const [blank] = evaluate(rules, report({t: {total: null, a: 3, b: null}}));
    assert.deepEqual([blank.rule, blank.subject_rule, blank.json_paths, blank.message],
      ["B2", "X", ["$.t.total", "$.t.b"], "cannot X/the X: T/total;T/b (2)"]);
    const [all] = evaluate(rules, report({t: {total: null, a: null, b: null}}));
    assert.equal(all.message, "cannot X/the X: T/total;T/a and 3 in all (3)");
  });

  test("sums_equal points at the right side first", () => {
    const rules = ruleSet([{relation: "sums_equal", left: [cur("$.t.a"), cur("$.t.b")],
      right: [cur("$.u.a")]}], {message: "{left}={right} {expected} {actual} {difference}",
    placeholders: {sums_equal: {left: {labels: "left", view: "inner", join: "plus"},
      right: {labels: "right", view: "inner", join: "plus"}}}});
    const [finding] = evaluate(rules, report({t: {a: 1, b: 2}, u: {a: 2}}));
    assert.deepEqual([finding.json_paths, finding.message],
      [["$.u.a", "$.t.a", "$.t.b"], "T+T=U 3 2 -1"]);
  });

  test("at_least expects the smaller", () => {
    const rules = ruleSet([{relation: "at_least", larger: cur("$.t.a"), smaller: cur("$.t.b")}]);
    assert.deepEqual(evaluate(rules, report({t: {a: 2, b: 2}})), []);
    assert.deepEqual(summary(evaluate(rules, report({t: {a: 1, b: 2}}))),
      [["X", "$.t.a", "T/a|2|1|-1"]]);
  });

  test("zero_unless applies unless the condition allows, and names the value", () => {
    const rules = ruleSet([{relation: "zero_unless", cell: cur("$.t.a"),
      unless: {...cur("$.level"), in: ["city"]}}], {message: "{level} {actual}",
    placeholders: {zero_unless: {level: {cell: "unless", view: "value_label"}}}});
    assert.deepEqual(evaluate(rules, report({level: "city", t: {a: 3}})), []);
    assert.deepEqual(summary(evaluate(rules, report({level: "town", t: {a: 3}}))),
      [["X", "$.t.a", "TOWN 3"]]);
    assert.deepEqual(evaluate(rules, report({level: "town", t: {a: 0}})), []);
  });

  test("positive_implies reads the required cell only when the trigger is positive", () => {
    const rules = ruleSet([{relation: "positive_implies", trigger: cur("$.t.a"),
      required: cur("$.t.b")}], {message: "{trigger}={trigger_value} {actual} {expected}",
    placeholders: {positive_implies: {trigger: {labels: "trigger", view: "short"},
      trigger_value: {cell: "trigger", view: "shown"}}}});
    assert.deepEqual(evaluate(rules, report({t: {a: 0, b: null}})), []);
    assert.deepEqual(summary(evaluate(rules, report({t: {a: 2, b: 0}}))),
      [["X", "$.t.b", "T/a=2 0 ∅"]]);
    assert.deepEqual(evaluate(rules, report({t: {a: null, b: 1}})).map((f) => f.json_paths),
      [["$.t.a"]]);
  });

  test("stated_in_text compares each statement with the sum of its cells", () => {
    const counted = {relation: "stated_in_text", texts: [cur("$.text")],
      pattern: `收到(${NUMERALS.number})件`, group: 1, keywords: ["收到"],
      cells: [cur("$.t.a"), cur("$.t.b")]};
    const none = {...counted, pattern: "未收到", group: null};
    const rules = ruleSet([counted, none], {message: "{where}“{quote}”{stated}≠{expected}",
      placeholders: {stated_in_text: {stated: {value: "stated", view: "shown"},
        quote: {value: "quote", view: "text"}, where: {labels: "statement", view: "full"}}}});
    const cells = {t: {a: 10, b: 2}};
    assert.deepEqual(evaluate(rules, report({...cells, text: "收到十二件，收到三五件"})), []);
    assert.deepEqual(summary(evaluate(rules, report({...cells, text: "收到１２件，收到十三件"}))),
      [["X", "$.t.a", "P/text“收到十三件”13≠12"]]);
    assert.deepEqual(summary(evaluate(rules, report({...cells, text: "全年未收到"}))),
      [["X", "$.t.a", "P/text“未收到”0≠12"]]);
    assert.deepEqual(evaluate(rules, report({t: {a: null, b: 1}, text: "无"})), []);
    assert.deepEqual(evaluate(rules, report({t: {a: null, b: 1}, text: "收到1件"}))
      .map((finding) => finding.rule), ["B2"]);
  });

  test("not_blank is an error only under strict when the rule says so", () => {
    const rules = ruleSet([{relation: "not_blank", cell: cur("$.t.a")}],
      {severity: "warning", errorWhenStrict: true});
    const blank = report({t: {a: null}});
    assert.deepEqual(evaluate(rules, blank).map((f) => [f.severity, f.expected, f.actual]),
      [["warning", 0, null]]);
    assert.equal(evaluate(rules, blank, {strict: true})[0].severity, "error");
    assert.deepEqual(evaluate(rules, report({t: {a: 0}})), []);
  });
});

describe("the whole report", () => {
  const carried = {relation: "sum_equals", total: cur("$.t.total"),
    parts: [{...prev("$.t.total"), sign: 1}]};

  test("cross-year rules run with a previous report whose format has the cells", () => {
    const rules = ruleSet([carried], {needsPrevious: true, message: "{parts}",
      placeholders: {sum_equals: {parts: {labels: "parts", view: "relative", join: "signs"}}}});
    const current = report({t: {total: 3}});
    assert.deepEqual(evaluate(rules, current), []);
    const [finding] = evaluate(rules, current, {previous: report({t: {total: 2}})});
    assert.equal(finding.message, "LAST:total");
    assert.deepEqual(finding.operands.map((operand) => operand.report), ["current", "previous"]);
    assert.deepEqual(evaluate(rules, current, {previous: {format: "h", t: {total: 2}}}), []);
  });

  test("a previous report of another format is read through the crosswalk", () => {
    const rules = ruleSet([carried], {needsPrevious: true, message: "{parts}",
      placeholders: {sum_equals: {parts: {labels: "parts", view: "relative", join: "signs"}}}});
    const current = report({t: {total: 3}});
    const [finding] = evaluate(rules, current, {previous: {format: "g", u: {total: 2}}});
    assert.equal(finding.message, "LAST:G/U/total");
    assert.deepEqual(finding.operands.map((operand) => [operand.json_path, operand.value]),
      [["$.t.total", 3], ["$.u.total", 2]]);
    assert.deepEqual(evaluate(rules, current, {previous: {format: "g", u: {total: 3}}}), []);
    const none = ruleSet([{relation: "sum_equals", total: cur("$.t.a"),
      parts: [{...prev("$.t.a"), sign: 1}]}], {needsPrevious: true});
    assert.deepEqual(evaluate(none, report({t: {a: 1}}), {previous: {format: "g", t: {a: 2}}}),
      []);
  });

  test("a blank cell a not_blank relation reports blocks no other check visibly", () => {
    const rules = ruleSet([{relation: "not_blank", cell: cur("$.t.a")},
      {relation: "sum_equals", total: cur("$.t.total"), parts: [{...cur("$.t.a"), sign: 1},
        {...cur("$.t.b"), sign: 1}]}]);
    assert.deepEqual(summary(evaluate(rules, report({t: {total: 1, a: null, b: 1}}))).map(
      ([rule, path]) => [rule, path]), [["X", "$.t.a"]]);
    assert.deepEqual(summary(evaluate(rules, report({t: {total: 1, a: null, b: null}}))),
      [["X", "$.t.a", "T/a|0|∅|"], ["B2", "$.t.b", "cannot X/the X: T/b (1)"]]);
  });

  test("an unchecked cross-year relation names the previous blank, points at the cell", () => {
    const rules = ruleSet([carried], {needsPrevious: true});
    const findings = evaluate(rules, report({t: {total: 3}}), {previous: report({t: {total: null}})});
    assert.deepEqual(summary(findings), [["B2", "$.t.total", "cannot X/the X: LAST:T/total (1)"]]);
  });

  test("acknowledgements mark findings; one matching nothing is a finding itself", () => {
    const rules = ruleSet([{relation: "not_blank", cell: cur("$.t.a")}]);
    const findings = evaluate(rules, report({t: {a: null}, acknowledgements: [
      {rule: "X", path: "$.t", reason: "why"}, {rule: "X", path: "$.u", reason: "no"}]}));
    assert.deepEqual(findings.map((f) => [f.rule, f.acknowledged, f.acknowledgement]),
      [["X", true, "why"], ["A1", false, null]]);
    assert.deepEqual([findings[1].json_paths, findings[1].labels, findings[1].message],
      [["$.acknowledgements[1]"], ["ACK"], "unmatched X $.u no"]);
  });

  test("big counts come out exact", () => {
    const rules = ruleSet([{relation: "sum_equals", total: cur("$.t.total"),
      parts: [{...cur("$.t.a"), sign: 1}, {...cur("$.t.b"), sign: 1}]}]);
    const [finding] = evaluate(rules, report({t: {total: 0, a: Number.MAX_SAFE_INTEGER,
      b: Number.MAX_SAFE_INTEGER}}));
    assert.equal(finding.expected, 18014398509481982n);
    assert.equal(finding.message, "T/total|18014398509481982|0|-18014398509481982");
  });

  test("a value no valid report has is refused with its path", () => {
    const rules = ruleSet([{relation: "at_least", larger: cur("$.t.a"), smaller: cur("$.t.b")}]);
    assert.throws(() => evaluate(rules, report({t: {a: "12件", b: 1}})),
      {name: "TypeError", message: '$.t.a: "12件" is neither a count nor an amount'});
  });

  test("an unknown format is refused", () => {
    assert.throws(() => evaluate(ruleSet([]), {format: "1999"}), TypeError);
  });
});

describe("the report as a publication", () => {
  const details = (names) => Object.fromEntries(names.map((name) => [name,
    {value: name, view: "text"}]));

  test("year_between: the year within the format's years; a null year holds", () => {
    const rules = ruleSet([{relation: "year_between", year: cur("$.year"), first: 2019,
      last: 2020, format: "TRIAL", note: "N"}], {message: "{actual} {format} {years} {note}",
    placeholders: {year_between: details(["format", "years", "note"])}});
    assert.deepEqual(evaluate(rules, report({year: 2020})), []);
    assert.deepEqual(evaluate(rules, report({year: null})), []);
    const [finding] = evaluate(rules, report({year: 2022}));
    assert.deepEqual([finding.message, finding.actual, finding.json_paths],
      ["2022 TRIAL 2019..2020 N", 2022, ["$.year"]]);
    const open = ruleSet([{relation: "year_between", year: cur("$.year"), first: 2021,
      last: null, format: "NEW", note: ""}], {message: "{years}",
    placeholders: {year_between: details(["years"])}});
    assert.deepEqual(evaluate(open, report({year: 2030})), []);
    assert.equal(evaluate(open, report({year: 2020}))[0].message, "2021+");
  });

  test("published_in_time: the first deadline that applies; null date or year holds", () => {
    const deadlines = [
      {month: 3, day: 31, who: "GOV", levels: ["county"], organ_suffixes: ["政府"]},
      {month: 1, day: 31, who: "ANY", levels: [], organ_suffixes: []}];
    const rules = ruleSet([{relation: "published_in_time", published: cur("$.published"),
      year: cur("$.year"), organ: cur("$.organ"), level: cur("$.level"), deadlines}],
    {message: "{published} {earliest} {deadline} {who}",
      placeholders: {published_in_time: details(["published", "earliest", "deadline", "who"])}});
    const at = (published, organ, level) => evaluate(rules, report(
      {published, year: 2023, organ, level})).map((finding) => finding.message);
    assert.deepEqual(at("2024-03-31", "县政府", "county"), []);
    assert.deepEqual(at("2024-04-01", "县政府", "county"),
      ["01/04/2024 01/01/2024 31/03/2024 GOV"]);
    assert.deepEqual(at("2024-02-01", "县交通局", "county"),
      ["01/02/2024 01/01/2024 31/01/2024 ANY"]);
    assert.deepEqual(at("2024-03-01", null, "county"), []);
    assert.deepEqual(at("2023-12-31", "镇政府", "township").length, 1);
    assert.deepEqual(at(null, "镇政府", "township"), []);
    assert.deepEqual(evaluate(rules, report({published: "2025-01-01", year: null,
      organ: "x", level: "county"})), []);
  });

  test("texts_blank_while_filled: every text blank while a cell is filled", () => {
    const rules = ruleSet([{relation: "texts_blank_while_filled", part: cur("$.u"),
      texts: [cur("$.u.x"), cur("$.u.y")], cells: [cur("$.t.a"), cur("$.t.b")]}],
    {message: "{where}"});
    assert.deepEqual(summary(evaluate(rules, report({u: {x: "", y: " _"}, t: {a: 0, b: null}}))),
      [["X", "$.u", "PART"]]);
    assert.deepEqual(evaluate(rules, report({u: {x: "", y: "text"}, t: {a: 0, b: null}})), []);
    assert.deepEqual(evaluate(rules, report({u: {x: "", y: ""}, t: {a: null, b: null}})), []);
  });
});
