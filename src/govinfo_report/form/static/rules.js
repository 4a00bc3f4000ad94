// @ts-check
/**
 * The browser's rule engine: an interpreter of the exported rule set
 * (`govinfo-report rules --json`, `rules_as_json()`), finding exactly what
 * the Python engine (`govinfo_report.rules.iter_findings`) finds.
 *
 * No rule is written here: the relations, message templates, placeholder
 * recipes, labels, numeral tables and words all come from the rule set.
 * This module only knows the relation kinds and the recipe views. Money is
 * exact: numbers are BigInt scaled integers, never floats.
 *
 * Plain ES module, no dependencies, no DOM, no eval (CSP-safe).
 *
 * @module rules
 */

/**
 * @typedef {{report: "current" | "previous", path: string}} Ref
 * @typedef {Ref & {sign?: number, in?: string[]}} Operand
 * @typedef {{relation: string, [field: string]: any}} Relation
 * @typedef {{id: string, severity: string, error_when_strict: boolean, message: string,
 *   message_en: string, title: string, needs_previous: boolean,
 *   checks: Record<string, Relation[]>}} Rule
 * @typedef {{[field: string]: any}} Recipe
 * @typedef {{rules_format: number, findings_format: number, formats: string[], rules: Rule[],
 *   relations: Record<string, {operands: string[], locations: string[]}>,
 *   labels: Record<string, Record<string, string[]>>,
 *   crosswalk: Record<string, Record<string, Record<string, string | null>>>,
 *   value_labels: Record<string, Record<string, string>>,
 *   placeholders: Record<string, Record<string, Recipe>>,
 *   engine_rules: {unchecked: {rule: string, blanks_listed: number},
 *     unmatched_acknowledgement: {rule: string, labels: string}},
 *   words: Record<string, string>,
 *   numerals: {number: string, arabic: Record<string, number>, digits: Record<string, number>,
 *     units: Record<string, number>, zeros: string, myriad: Record<string, number>,
 *     max_length: number}}} RuleSet
 * @typedef {{[key: string]: any}} Report
 * @typedef {{previous?: Report | null, strict?: boolean}} Options
 * @typedef {number | bigint | string | null} Value
 *   A count is a number (a bigint beyond 2^53 − 1), an amount of money a decimal string.
 * @typedef {{json_path: string, labels: string[], value: Value,
 *   report: "current" | "previous"}} FindingOperand
 * @typedef {{findings_format: number, rule: string, severity: string, message: string,
 *   message_en: string, json_paths: string[], labels: string[], operands: FindingOperand[],
 *   expected: Value, actual: Value, difference: Value, acknowledged: boolean,
 *   acknowledgement: string | null, subject_rule: string | null}} Finding
 * @typedef {{n: bigint, scale: number, decimal: boolean}} Num
 *   An exact number, `n / 10^scale`; `decimal` when it came from money (Python's Decimal).
 * @typedef {{expected: Num | null, actual: Num | null, difference: Num | null,
 *   stated?: Num, quote?: string, format?: string, years?: string, note?: string,
 *   published?: string, earliest?: string, deadline?: string, who?: string}} Violation
 *   Details (`format`, `published`, …) are texts the message's recipes name.
 * @typedef {{blanks: Ref[]}} Unchecked
 * @typedef {{ref: Ref, sign: number}} Term
 */

// -- exact decimal arithmetic ------------------------------------------------------------

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/u;

/**
 * An exact number from a JSON value: an integer, or a decimal string (money).
 * @param {unknown} value
 * @returns {Num | null}
 */
export function toNum(value) {
  if (typeof value === "number" && Number.isInteger(value)) {
    return {n: BigInt(value), scale: 0, decimal: false};
  }
  if (typeof value === "bigint") return {n: value, scale: 0, decimal: false};
  if (typeof value === "string") {
    const match = DECIMAL.exec(value);
    if (!match) return null;
    const fraction = match[3] ?? "";
    const n = BigInt(match[2] + fraction);
    return {n: match[1] ? -n : n, scale: fraction.length, decimal: true};
  }
  return null;
}

/** @param {bigint} n @param {number} scale @param {boolean} [decimal] @returns {Num} */
const num = (n, scale = 0, decimal = false) => ({n, scale, decimal});

/** @param {Num} value @param {number} scale */
const scaled = (value, scale) => value.n * 10n ** BigInt(scale - value.scale);

/**
 * `a + sign·b`, exact; the scale is the larger of the two, as for Python's Decimal.
 * @param {Num} a @param {Num} b @param {number} [sign]
 * @returns {Num}
 */
export function add(a, b, sign = 1) {
  const scale = Math.max(a.scale, b.scale);
  const n = scaled(a, scale) + BigInt(sign) * scaled(b, scale);
  return num(n, scale, a.decimal || b.decimal);
}

/**
 * -1, 0 or 1 as `a` is less than, equal to or greater than `b`.
 * @param {Num} a @param {Num} b
 * @returns {number}
 */
export function compare(a, b) {
  const scale = Math.max(a.scale, b.scale);
  const left = scaled(a, scale);
  const right = scaled(b, scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

const ZERO = num(0n);

/**
 * The number as Python writes it (`str(int)`, `format(Decimal, "f")`).
 * @param {Num} value
 * @returns {string}
 */
export function showNum(value) {
  if (value.scale === 0) return value.n.toString();
  const digits = (value.n < 0n ? -value.n : value.n).toString().padStart(value.scale + 1, "0");
  const point = digits.length - value.scale;
  return `${value.n < 0n ? "-" : ""}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * The JSON form of a number in a finding: a count as a number (bigint beyond 2^53 − 1),
 * money as a decimal string.
 * @param {Num | null} value
 * @returns {Value}
 */
function jsonValue(value) {
  if (value === null) return null;
  if (value.decimal) return showNum(value);
  const small = value.n <= BigInt(Number.MAX_SAFE_INTEGER) &&
    value.n >= BigInt(Number.MIN_SAFE_INTEGER);
  return small ? Number(value.n) : value.n;
}

// -- numerals ------------------------------------------------------------------------------

/**
 * The count a numeral states (`12`, `１２`, `十二`, `一百零五`), or null when the
 * characters are no well-formed numeral; the tables come from the rule set.
 * @param {string} text
 * @param {RuleSet["numerals"]} tables
 * @returns {bigint | null}
 */
export function parseCount(text, tables) {
  const chars = Array.from(text);
  // A longer run is no count (a phone number, an identifier).
  if (chars.length > tables.max_length) return null;
  if (chars.length && chars.every((char) => char in tables.arabic)) {
    return BigInt(chars.map((char) => tables.arabic[char]).join(""));
  }
  if (chars.length === 1 && tables.zeros.includes(text)) return 0n;
  const [myriad, unit] = Object.entries(tables.myriad)[0];
  const at = text.indexOf(myriad);
  if (at < 0) return section(text, null, tables);
  const high = text.slice(0, at);
  const low = text.slice(at + myriad.length);
  if (!high || low.includes(myriad)) return null;
  const thousands = section(high, null, tables);
  const rest = low ? section(low, unit, tables) : 0n;
  return thousands === null || rest === null ? null : thousands * BigInt(unit) + rest;
}

/**
 * A numeral below the myriad unit; `after` is the unit written just before it, if any.
 * A final digit right after a unit counts a tenth of that unit (`一百五` is 150) unless
 * a zero came between (`一百零五` is 105).
 * @param {string} text
 * @param {number | null} after
 * @param {RuleSet["numerals"]} tables
 * @returns {bigint | null}
 */
function section(text, after, tables) {
  let value = 0;
  /** @type {number | null} */
  let digit = null;
  let zero = false;
  let unitBefore = after;
  for (const char of text) {
    if (tables.zeros.includes(char)) {
      if (digit !== null || zero || unitBefore === null) return null;
      zero = true;
    } else if (char in tables.digits) {
      if (digit !== null) return null;
      digit = tables.digits[char];
    } else if (char in tables.units) {
      const unit = tables.units[char];
      if (unitBefore !== null && unit >= unitBefore) return null;
      if (digit === null) {
        if (unit !== 10) return null;
        digit = 1;
      }
      value += digit * unit;
      digit = null;
      zero = false;
      unitBefore = unit;
    } else {
      return null;
    }
  }
  if (digit !== null) {
    const scale = zero || unitBefore === null ? 1 : Math.floor(unitBefore / 10);
    return BigInt(value + digit * scale);
  }
  return zero ? null : BigInt(value);
}

// -- reading the report --------------------------------------------------------------------

/** @type {Map<string, (string | number)[]>} */
const SEGMENTS = new Map();

/**
 * The segments of a `$` JSON path (`$.a.b[0].c` → `a`, `b`, 0, `c`).
 * @param {string} path
 * @returns {(string | number)[]}
 */
function segments(path) {
  let found = SEGMENTS.get(path);
  if (!found) {
    found = [];
    for (const match of path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]/gu)) {
      found.push(match[1] ?? Number(match[2]));
    }
    SEGMENTS.set(path, found);
  }
  return found;
}

/**
 * The JSON value at `path`, null when absent.
 * @param {unknown} document
 * @param {string} path
 * @returns {any}
 */
function read(document, path) {
  /** @type {any} */
  let node = document;
  for (const segment of segments(path)) {
    if (node === null || typeof node !== "object") return null;
    node = node[segment];
  }
  return node === undefined ? null : node;
}

// -- relations -----------------------------------------------------------------------------

/**
 * The refs a relation field holds: one ref, a list of refs, or signed terms.
 * @param {Relation} relation
 * @param {string} field
 * @returns {Term[]}
 */
function terms(relation, field) {
  const value = relation[field];
  const list = Array.isArray(value) ? value : [value];
  return list.map((/** @type {Operand} */ ref) => ({ref, sign: ref.sign ?? 1}));
}

/**
 * @typedef {{rule: Rule, relation: Relation, operands: Ref[], locations: Ref[],
 *   fields: Record<string, Term[]>, pattern: RegExp | null}} Check
 * @typedef {{checks: Check[], crossYear: Check[], reportedBlanks: Set<string>,
 *   across: Map<string, Check[]>}} Plan
 *   `reportedBlanks`: the cells a not_blank relation (B1, M1) reports when blank;
 *   `across`: the cross-year checks per previous format (see `acrossFormats`).
 */

/** @type {WeakMap<RuleSet, Map<string, Plan>>} */
const PLANS = new WeakMap();

/**
 * The checks of one format version in rule order, prepared once per rule set.
 * @param {RuleSet} ruleSet
 * @param {string} format
 * @returns {Plan}
 */
function plan(ruleSet, format) {
  let plans = PLANS.get(ruleSet);
  if (!plans) PLANS.set(ruleSet, plans = new Map());
  let found = plans.get(format);
  if (!found) {
    if (!ruleSet.formats.includes(format)) {
      throw new TypeError(`unknown report format ${JSON.stringify(format)}`);
    }
    /** @type {Plan} */
    const made = {checks: [], crossYear: [], reportedBlanks: new Set(), across: new Map()};
    for (const rule of ruleSet.rules) {
      for (const relation of rule.checks[format] ?? []) {
        if (relation.relation === "not_blank" && !rule.needs_previous
          && relation.cell.report === "current") {
          made.reportedBlanks.add(relation.cell.path);
        }
        (rule.needs_previous ? made.crossYear : made.checks).push(
          prepared(ruleSet, rule, relation));
      }
    }
    plans.set(format, found = made);
  }
  return found;
}

/**
 * A relation of a rule, ready to judge.
 * @param {RuleSet} ruleSet @param {Rule} rule @param {Relation} relation
 * @returns {Check}
 */
function prepared(ruleSet, rule, relation) {
  const kind = ruleSet.relations[relation.relation];
  if (!kind) throw new TypeError(`unknown relation ${relation.relation}`);
  const refs = (/** @type {string[]} */ fields) =>
    fields.flatMap((field) => terms(relation, field).map((term) => term.ref));
  const pattern = relation.relation === "stated_in_text"
    ? new RegExp(relation.pattern, "gu") : null;
  const fields = Object.fromEntries(["parts", "left", "right", "cells"]
    .filter((field) => field in relation).map((field) => [field, terms(relation, field)]));
  return {
    rule, relation, operands: refs(kind.operands), locations: refs(kind.locations), fields,
    pattern,
  };
}

/**
 * The cross-year checks reading a previous report of `previousFormat`: the previous
 * report's paths replaced by their counterparts (the rule set's crosswalk), the checks
 * naming a cell without one left out.
 * @param {RuleSet} ruleSet @param {Plan} made @param {string} format
 * @param {string} previousFormat
 * @returns {Check[]}
 */
function acrossFormats(ruleSet, made, format, previousFormat) {
  if (previousFormat === format) return made.crossYear;
  let found = made.across.get(previousFormat);
  if (!found) {
    const mapping = ruleSet.crosswalk[format]?.[previousFormat] ?? {};
    // A rule set reduced to one format has no labels of the other: nothing to read there.
    const known = ruleSet.labels[previousFormat] ?? {};
    /** @param {any} value @returns {any} */
    const mapped = (value) => {
      if (Array.isArray(value)) return value.map(mapped);
      if (value === null || typeof value !== "object") return value;
      if (value.report === "previous") {
        const path = mapping[value.path];
        if (path === null || path === undefined || !(path in known)) {
          throw new RangeError(value.path);
        }
        return {...value, path};
      }
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapped(item)]));
    };
    found = [];
    for (const check of made.crossYear) {
      /** @type {Relation | null} */
      let relation = null;
      try {
        relation = mapped(check.relation);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
      }
      if (relation !== null) found.push(prepared(ruleSet, check.rule, relation));
    }
    made.across.set(previousFormat, found);
  }
  return found;
}

/**
 * @typedef {{get: (ref: Ref) => any, numeral: (text: string) => bigint | null,
 *   words: Record<string, string>}} Reader
 */

/**
 * @param {Ref[]} refs @param {Reader} reader
 * @returns {Unchecked | null}
 */
function blanks(refs, reader) {
  const blank = refs.filter((ref) => reader.get(ref) === null);
  return blank.length ? {blanks: blank} : null;
}

/**
 * A cell's number: a safe integer stays a plain number (the common, fast case), anything
 * else (money, huge counts) is exact.
 * @typedef {number | Num} Amount
 */

/**
 * The number in the cell at `ref`; a value no valid report has there is a TypeError.
 * @param {Reader} reader @param {Ref} ref
 * @returns {Amount}
 */
function amount(reader, ref) {
  const value = reader.get(ref);
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  const found = toNum(value);
  if (found === null) {
    throw new TypeError(`${ref.path}: ${JSON.stringify(value)} is neither a count nor an amount`);
  }
  return found;
}

/** @param {Amount} value @returns {Num} */
const exact = (value) => (typeof value === "number" ? num(BigInt(value)) : value);

/**
 * `a + sign·b`: in plain numbers while the result is a safe integer, exact otherwise.
 * @param {Amount} a @param {Amount} b @param {number} [sign]
 * @returns {Amount}
 */
function plus(a, b, sign = 1) {
  if (typeof a === "number" && typeof b === "number") {
    const result = a + sign * b;
    if (Number.isSafeInteger(result)) return result;
  }
  return add(exact(a), exact(b), sign);
}

/** @param {Amount} a @param {Amount} b @returns {number} */
function order(a, b) {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  return compare(exact(a), exact(b));
}

/**
 * Σ sign·value, starting from the integer 0 as Python's `sum` does.
 * @param {Term[]} parts @param {Reader} reader
 * @returns {Amount}
 */
function sum(parts, reader) {
  /** @type {Amount} */
  let total = 0;
  for (const {ref, sign} of parts) total = plus(total, amount(reader, ref), sign);
  return total;
}

/**
 * @param {Amount} expected @param {Amount} actual
 * @returns {Violation | null}
 */
function unequal(expected, actual) {
  return order(actual, expected) === 0 ? null
    : {
      expected: exact(expected), actual: exact(actual),
      difference: exact(plus(actual, expected, -1)),
    };
}

/**
 * Each (text, stated number, quoted words) the texts of a stated_in_text relation contain.
 * @param {Check} check @param {Reader} reader
 * @returns {Generator<{text: Ref, stated: bigint, quote: string}>}
 */
function* statements(check, reader) {
  const {relation} = check;
  for (const text of /** @type {Ref[]} */ (relation.texts)) {
    const value = reader.get(text);
    if (!value || !relation.keywords.some((/** @type {string} */ word) => value.includes(word))) {
      continue;
    }
    for (const match of String(value).matchAll(/** @type {RegExp} */ (check.pattern))) {
      const stated = relation.group === null ? 0n : reader.numeral(match[relation.group]);
      if (stated !== null) yield {text, stated, quote: match[0]};
    }
  }
}

/**
 * Whether the relation holds (null), does not (a violation), or cannot be told (unchecked).
 * @param {Check} check @param {Reader} reader
 * @returns {Violation | Unchecked | null}
 */
function judge(check, reader) {
  const {relation, fields, operands} = check;
  const value = (/** @type {Ref} */ ref) => amount(reader, ref);
  switch (relation.relation) {
    case "sum_equals":
      return blanks(operands, reader) ?? unequal(sum(fields.parts, reader), value(relation.total));
    case "sums_equal":
      return blanks(operands, reader)
        ?? unequal(sum(fields.left, reader), sum(fields.right, reader));
    case "at_least":
      return blanks(operands, reader) ?? atLeast(value(relation.larger), value(relation.smaller));
    case "zero_unless": {
      if (relation.unless.in.includes(reader.get(relation.unless))) return null;
      return blanks(operands, reader) ?? unequal(0, value(relation.cell));
    }
    case "positive_implies": {
      if (reader.get(relation.trigger) === null) return {blanks: [relation.trigger]};
      if (order(value(relation.trigger), 0) === 0) return null;
      if (reader.get(relation.required) === null) return {blanks: [relation.required]};
      const required = value(relation.required);
      return order(required, 0) > 0
        ? null : {expected: null, actual: exact(required), difference: null};
    }
    case "stated_in_text":
      for (const {stated, quote} of statements(check, reader)) {
        const unchecked = blanks(operands, reader);
        if (unchecked) return unchecked;
        const violation = unequal(sum(fields.cells, reader), num(stated));
        if (violation) return {...violation, stated: num(stated), quote};
      }
      return null;
    case "not_blank":
      return reader.get(relation.cell) === null
        ? {expected: ZERO, actual: null, difference: null} : null;
    case "year_between":
      return yearBetween(relation, reader.get(relation.year), reader.words);
    case "published_in_time":
      return publishedInTime(relation, reader);
    case "texts_blank_while_filled": {
      const blank = (/** @type {unknown} */ text) => text === null
        || Array.from(String(text)).every((char) => reader.words.blank_text.includes(char));
      if (!relation.texts.every((/** @type {Ref} */ text) => blank(reader.get(text)))) return null;
      return relation.cells.some((/** @type {Ref} */ cell) => reader.get(cell) !== null)
        ? {expected: null, actual: null, difference: null} : null;
    }
    default:
      throw new TypeError(`unknown relation ${relation.relation}`);
  }
}

/**
 * The report year within the format's years; the texts of the message come along.
 * @param {Relation} relation @param {number | null} year @param {Record<string, string>} words
 * @returns {Violation | null}
 */
function yearBetween(relation, year, words) {
  if (year === null || (relation.first <= year && (relation.last === null || year <= relation.last))) {
    return null;
  }
  const template = relation.last === null ? words.years_from : words.years_between;
  return {
    expected: null, actual: num(BigInt(year)), difference: null, format: relation.format,
    years: fillTemplate(template, {first: String(relation.first), last: String(relation.last)}),
    note: relation.note,
  };
}

/**
 * A date as the rule set's words write it, zero-padded.
 * @param {string} template @param {number} year @param {number} month @param {number} day
 */
const showDate = (template, year, month, day) => fillTemplate(template, {
  year: String(year).padStart(4, "0"), month: String(month).padStart(2, "0"),
  day: String(day).padStart(2, "0"),
});

/**
 * The publication date after the report year and by the first deadline that applies.
 * @param {Relation} relation @param {Reader} reader
 * @returns {Violation | null}
 */
function publishedInTime(relation, reader) {
  const published = reader.get(relation.published);
  const year = reader.get(relation.year);
  if (published === null || year === null) return null;
  const level = reader.get(relation.level);
  const organ = reader.get(relation.organ);
  const deadline = relation.deadlines.find((/** @type {any} */ entry) =>
    (!entry.levels.length || entry.levels.includes(level))
    && (!entry.organ_suffixes.length || organ === null
      || entry.organ_suffixes.some((/** @type {string} */ suffix) => organ.endsWith(suffix))));
  const day = String(published).split("-").map(Number);
  const key = (/** @type {number[]} */ date) => date[0] * 10000 + date[1] * 100 + date[2];
  if (key([year + 1, 1, 1]) <= key(day) && key(day) <= key([year + 1, deadline.month, deadline.day])) {
    return null;
  }
  const {date} = reader.words;
  return {
    expected: null, actual: null, difference: null,
    published: showDate(date, day[0], day[1], day[2]), earliest: showDate(date, year + 1, 1, 1),
    deadline: showDate(date, year + 1, deadline.month, deadline.day), who: deadline.who,
  };
}

/**
 * `larger ≥ smaller`; when not, the smaller was expected.
 * @param {Amount} larger @param {Amount} smaller
 * @returns {Violation | null}
 */
function atLeast(larger, smaller) {
  return order(larger, smaller) >= 0 ? null : {
    expected: exact(smaller), actual: exact(larger), difference: exact(plus(larger, smaller, -1)),
  };
}

// -- messages --------------------------------------------------------------------------------

/**
 * A message template filled as Python's `str.format_map` does (a missing field is empty).
 * @param {string} template
 * @param {Record<string, string>} fields
 * @returns {string}
 */
export function fillTemplate(template, fields) {
  return template.replace(/\{\{|\}\}|\{([^{}]*)\}/gu, (whole, name) =>
    whole === "{{" ? "{" : whole === "}}" ? "}" : fields[name] ?? "");
}

/**
 * @typedef {{ruleSet: RuleSet, reader: Reader, labels: (ref: Ref) => string[]}} Context
 */

/**
 * The placeholders of a violation's message, by the rule set's recipes for its kind.
 * @param {Context} context @param {Check} check @param {Violation} violation @param {Ref} primary
 * @returns {Record<string, string>}
 */
function placeholders(context, check, violation, primary) {
  const {ruleSet, reader, labels} = context;
  const {words} = ruleSet;
  const home = labels(primary);
  const join = (/** @type {string[]} */ list) => list.join(words.label_separator);
  const shown = (/** @type {Num | null | undefined} */ value) =>
    value === null || value === undefined ? words.blank : showNum(value);
  /** @type {Record<string, (own: string[], ref: Ref, recipe: Recipe) => string>} */
  const views = {
    short: (own) => join(own.length > 1 ? own.slice(1) : own),
    full: (own) => join(own),
    inner: (own) => join(own.slice(1, -1)),
    item: (own, ref, recipe) => own.at(recipe.index) ?? "",
    relative: (own, ref) => {
      let common = 0;
      while (common < Math.min(own.length, home.length) - 1 && own[common] === home[common]) {
        common += 1;
      }
      return (ref.report === "previous" ? words.previous_report : "") + join(own.slice(common));
    },
  };
  /** @param {Recipe} recipe @returns {string} */
  const fillOne = (recipe) => {
    if (recipe.value !== undefined) {
      const value = /** @type {any} */ (violation)[recipe.value];
      if (recipe.view === "text") return value ?? "";
      if (recipe.view === "signed") {
        if (value === null) return "";
        return (compare(value, ZERO) > 0 ? words.positive : "") + showNum(value);
      }
      return shown(value);
    }
    if (recipe.cell !== undefined) {
      const ref = check.relation[recipe.cell];
      const value = reader.get(ref);
      if (recipe.view === "value_label") {
        return ruleSet.value_labels[ref.path]?.[value] ?? String(value);
      }
      return shown(toNum(value));
    }
    /** @type {Term[]} */
    let sources;
    if (recipe.labels === "primary") {
      sources = [{ref: primary, sign: 1}];
    } else if (recipe.labels === "statement") {
      sources = [{ref: statementOf(check, reader, violation), sign: 1}];
    } else {
      sources = terms(check.relation, recipe.labels);
    }
    const texts = sources.map(({ref}) => views[recipe.view](labels(ref), ref, recipe));
    if (recipe.join === "signs") {
      return sources.map(({sign}, index) => (sign < 0 ? words.minus : words.plus) + texts[index])
        .join("").slice(1);
    }
    return recipe.join ? texts.join(words[recipe.join]) : texts[0];
  };
  /** @type {Record<string, string>} */
  const fields = {};
  const own = ruleSet.placeholders[check.relation.relation] ?? {};
  for (const recipes of [ruleSet.placeholders.common, own]) {
    for (const [name, recipe] of Object.entries(recipes)) fields[name] = fillOne(recipe);
  }
  return fields;
}

/**
 * The text whose statement a violation quotes (the first one quoting the same words).
 * @param {Check} check @param {Reader} reader @param {Violation} violation
 * @returns {Ref}
 */
function statementOf(check, reader, violation) {
  for (const {text, quote} of statements(check, reader)) {
    if (quote === violation.quote) return text;
  }
  throw new Error("no statement quotes the violation");
}

// -- findings --------------------------------------------------------------------------------

/**
 * @param {RuleSet} ruleSet @param {string} id
 * @returns {Rule}
 */
function ruleById(ruleSet, id) {
  const rule = ruleSet.rules.find((candidate) => candidate.id === id);
  if (!rule) throw new TypeError(`the rule set has no rule ${id}`);
  return rule;
}

/**
 * @param {RuleSet} ruleSet @param {Rule} rule @param {Partial<Finding>} fields
 * @returns {Finding}
 */
function finding(ruleSet, rule, fields) {
  return {
    findings_format: ruleSet.findings_format, rule: rule.id, severity: rule.severity,
    message: "", message_en: "", json_paths: [], labels: [], operands: [],
    expected: null, actual: null, difference: null, acknowledged: false,
    acknowledgement: null, subject_rule: null, ...fields,
  };
}

/**
 * The paths of the refs into the current report (blanks of the previous report only: the
 * unchecked finding points at the cells checked).
 * @param {Ref[]} refs
 * @returns {string[]}
 */
const currentPaths = (refs) =>
  refs.filter((ref) => ref.report === "current").map((ref) => ref.path);

/**
 * @param {Context} context @param {Check} check @param {Violation | Unchecked} judgement
 * @param {boolean} strict
 * @returns {Finding}
 */
function located(context, check, judgement, strict) {
  const {ruleSet, reader, labels} = context;
  const {rule} = check;
  const operands = check.operands.map((ref) => ({
    json_path: ref.path, labels: labels(ref), value: jsonValue(toNum(reader.get(ref))),
    report: ref.report,
  }));
  if ("blanks" in judgement) {
    const engine = ruleSet.engine_rules.unchecked;
    const blankRule = ruleById(ruleSet, engine.rule);
    const listed = judgement.blanks.map((ref) => {
      const own = labels(ref);
      return (ref.report === "previous" ? ruleSet.words.previous_report : "")
        + (own.length > 1 ? own.slice(1) : own).join(ruleSet.words.label_separator);
    });
    const count = String(listed.length);
    const more = listed.length > engine.blanks_listed
      ? fillTemplate(ruleSet.words.more_blanks, {count}) : "";
    const fields = {subject: rule.id, subject_title: rule.title, count,
      blanks: listed.slice(0, engine.blanks_listed).join(ruleSet.words.list_separator) + more};
    return finding(ruleSet, blankRule, {
      message: fillTemplate(blankRule.message, fields),
      message_en: fillTemplate(blankRule.message_en, fields),
      json_paths: currentPaths(judgement.blanks).length
        ? currentPaths(judgement.blanks) : currentPaths(check.locations),
      labels: labels(judgement.blanks[0]), operands, subject_rule: rule.id,
    });
  }
  const locations = check.locations.filter((ref) => ref.report === "current");
  const primary = locations[0] ?? check.operands[0];
  const fields = placeholders(context, check, judgement, primary);
  return finding(ruleSet, rule, {
    severity: strict && rule.error_when_strict ? "error" : rule.severity,
    message: fillTemplate(rule.message, fields), message_en: fillTemplate(rule.message_en, fields),
    json_paths: locations.map((ref) => ref.path), labels: labels(primary), operands,
    expected: jsonValue(judgement.expected), actual: jsonValue(judgement.actual),
    difference: jsonValue(judgement.difference),
  });
}

/**
 * Every finding of every rule on `report`, in the order of Python's `iter_findings`.
 *
 * `options.previous` (the same organ's report of the year before) enables the cross-year
 * rules; under `options.strict` a blank cell is an error. Findings the report acknowledges
 * come marked `acknowledged`; an acknowledgement that matches nothing yields its own finding.
 *
 * @param {RuleSet} ruleSet the parsed `rules_as_json()` document
 * @param {Report} report the parsed report JSON
 * @param {Options} [options]
 * @returns {Finding[]}
 */
export function evaluate(ruleSet, report, options = {}) {
  const previous = options.previous ?? null;
  const strict = options.strict ?? false;
  const format = String(report.format);
  const made = plan(ruleSet, format);
  const {checks, reportedBlanks} = made;
  const previousFormat = previous === null ? format : String(previous.format);
  const known = ruleSet.labels;
  /** @type {Reader} */
  const reader = {
    get: (ref) => read(ref.report === "previous" ? previous : report, ref.path),
    numeral: (text) => parseCount(text, ruleSet.numerals),
    words: ruleSet.words,
  };
  /** @type {Context} */
  const context = {
    ruleSet, reader,
    labels: (ref) => known[ref.report === "previous" ? previousFormat : format]?.[ref.path] ?? [],
  };
  /** @type {Finding[]} */
  const findings = [];
  const run = (/** @type {Check} */ check) => {
    const judgement = once(judge(check, reader), reportedBlanks);
    if (judgement !== null) findings.push(located(context, check, judgement, strict));
  };
  checks.forEach(run);
  if (previous !== null) acrossFormats(ruleSet, made, format, previousFormat).forEach(run);
  return acknowledge(ruleSet, report, format, findings, strict);
}

/**
 * The judgement, with each blank cell reported once: a blank a not_blank relation reports
 * (B1, M1) is not named again by the unchecked finding of every relation it blocks.
 * @param {Violation | Unchecked | null} judgement @param {Set<string>} reported
 * @returns {Violation | Unchecked | null}
 */
function once(judgement, reported) {
  if (judgement === null || !("blanks" in judgement)) return judgement;
  const blanks = judgement.blanks.filter((ref) =>
    ref.report === "previous" || !reported.has(ref.path));
  return blanks.length ? {blanks} : null;
}

/**
 * Marks the findings the report acknowledges and adds one for each acknowledgement
 * matching nothing.
 * @param {RuleSet} ruleSet @param {Report} report @param {string} format
 * @param {Finding[]} findings @param {boolean} strict
 * @returns {Finding[]}
 */
function acknowledge(ruleSet, report, format, findings, strict) {
  /** @type {{rule: string, path: string, reason: string}[]} */
  const acknowledgements = Array.isArray(report.acknowledgements) ? report.acknowledgements : [];
  const matched = acknowledgements.map(() => false);
  const covers = (/** @type {string} */ path, /** @type {string} */ jsonPath) =>
    jsonPath === path || jsonPath.startsWith(`${path}.`) || jsonPath.startsWith(`${path}[`);
  for (const found of findings) {
    const index = acknowledgements.findIndex((acknowledgement) =>
      acknowledgement.rule === found.rule
      && found.json_paths.some((jsonPath) => covers(acknowledgement.path, jsonPath)));
    if (index >= 0) {
      matched[index] = true;
      found.acknowledged = true;
      found.acknowledgement = acknowledgements[index].reason;
    }
  }
  const engine = ruleSet.engine_rules.unmatched_acknowledgement;
  const rule = ruleById(ruleSet, engine.rule);
  acknowledgements.forEach((acknowledgement, index) => {
    if (matched[index]) return;
    const fields = {subject: acknowledgement.rule, path: acknowledgement.path,
      reason: acknowledgement.reason};
    findings.push(finding(ruleSet, rule, {
      severity: strict && rule.error_when_strict ? "error" : rule.severity,
      message: fillTemplate(rule.message, fields),
      message_en: fillTemplate(rule.message_en, fields),
      json_paths: [`$.acknowledgements[${index}]`],
      labels: ruleSet.labels[format]?.[engine.labels] ?? [],
      subject_rule: acknowledgement.rule,
    }));
  });
  return findings;
}
