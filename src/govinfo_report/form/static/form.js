// @ts-check
/**
 * The data-entry form of govinfo-report: binds the inputs of the fragment that
 * Python renders (one <govinfo-report-form> element, see govinfo_report.form)
 * to a report JSON document, computes the totals, runs the rule engine after
 * every edit and shows its findings on the cells.
 *
 * No framework, no inline handler, no eval: it runs under
 * `Content-Security-Policy: script-src 'self'`. The layout, the totals and the
 * key order of the JSON come from the data blocks of the fragment; nothing of
 * the model is typed here.
 *
 * Usage: import this module; every <govinfo-report-form> element mounts itself
 * (unless it has the `manual` attribute), or call `mount(element, options)`.
 * The element emits `govinfo-report-change` events whose `detail` is
 * `{report, findings}`.
 */
import { evaluate } from "./rules.js";

export const ELEMENT = "govinfo-report-form";
export const CHANGE_EVENT = "govinfo-report-change";
const MAX_UNDO = 100;

/**
 * @typedef {{rule: string, severity: string, message: string, json_path?: string,
 *   json_paths?: string[], labels?: string[], acknowledged?: boolean}} Finding
 * @typedef {{format: string, cells: Record<string, string>, totals: [string, string[]][],
 *   order: any, blank: any}} FormModel
 * @typedef {{report: any, findings: Finding[]}} ChangeDetail
 * @typedef {{report?: any, previous?: any, strict?: boolean, ruleSet?: any,
 *   messages?: Record<string, string>, onChange?: (detail: ChangeDetail) => void,
 *   storageKey?: string | null}} MountOptions
 * @typedef {HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement} Control
 * @typedef {{input: HTMLInputElement, table: number, row: number, col: number, span: number}} GridCell
 */

/** The segments of a `$` path of the model (identifiers only). @param {string} path */
export function pathSegments(path) {
  return path.split(".").slice(1);
}

/** @param {any} doc @param {string} path */
export function getPath(doc, path) {
  let node = doc;
  for (const key of pathSegments(path)) {
    if (node === null || typeof node !== "object") return null;
    node = node[key];
  }
  return node === undefined ? null : node;
}

/** @param {any} doc @param {string} path @param {any} value */
export function setPath(doc, path, value) {
  const keys = pathSegments(path);
  let node = doc;
  for (const key of keys.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== "object") node[key] = {};
    node = node[key];
  }
  node[keys[keys.length - 1]] = value;
}

/** @param {any} value */
function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * `doc` with its keys in the order of the model (what Python's `to_dict` writes):
 * missing keys take the blank report's value, `$schema` is the format's.
 * @param {any} doc @param {any} order @param {any} blank
 * @returns {any}
 */
export function ordered(doc, order, blank) {
  if (Array.isArray(order) && Array.isArray(doc)) {
    return doc.map((item) => ordered(item, order[0], undefined));
  }
  if (!isObject(order) || !isObject(doc)) return doc;
  /** @type {Record<string, any>} */
  const out = {};
  for (const key of Object.keys(order)) {
    if (key in doc) out[key] = ordered(doc[key], order[key], isObject(blank) ? blank[key] : undefined);
    else if (isObject(blank) && key in blank) out[key] = structuredClone(blank[key]);
  }
  for (const key of Object.keys(doc)) if (!(key in out)) out[key] = doc[key];
  if (isObject(blank) && "$schema" in blank) out["$schema"] = blank["$schema"];
  return out;
}

/**
 * Source key order of parsed objects that have keys JavaScript would move
 * first (array indices such as "0", free-form in `extensions`).
 * @type {WeakMap<object, string[]>}
 */
const KEY_ORDER = new WeakMap();

/**
 * JSON.parse that keeps the source order of every object's keys for `stringify`.
 * @param {string} text
 * @returns {any}
 */
export function parseJSON(text) {
  const doc = JSON.parse(text);
  if (!/"(?:0|[1-9][0-9]*)"\s*:/.test(text)) return doc;
  // Every string token in turn; a key (followed by ':') gets a prefix no index has.
  const marked = JSON.parse(text.replace(/"(?:[^"\\]|\\.)*"(\s*:)?/g,
    (token, colon) => (colon ? `"~${token.slice(1)}` : token)));
  /** @param {any} plain @param {any} keyed */
  const record = (plain, keyed) => {
    if (Array.isArray(plain)) plain.forEach((item, index) => record(item, keyed[index]));
    else if (isObject(plain)) {
      KEY_ORDER.set(plain, Object.keys(keyed).map((key) => key.slice(1)));
      for (const key of Object.keys(plain)) record(plain[key], keyed[`~${key}`]);
    }
  };
  record(doc, marked);
  return doc;
}

/**
 * JSON.stringify(value, null, 2), keys in the order `parseJSON` read them.
 * @param {any} value @param {string} [indent]
 * @returns {string}
 */
export function stringify(value, indent = "") {
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    return value.length ? `[\n${value.map((item) => inner + stringify(item, inner)).join(",\n")}\n${indent}]` : "[]";
  }
  if (isObject(value)) {
    const keys = KEY_ORDER.get(value) ?? Object.keys(value);
    return keys.length
      ? `{\n${keys.map((key) => `${inner}${JSON.stringify(key)}: ${stringify(value[key], inner)}`).join(",\n")}\n${indent}}`
      : "{}";
  }
  return JSON.stringify(value);
}

/**
 * The canonical JSON text of a report, byte for byte what Python's `dumps` writes.
 * @param {any} doc @param {FormModel} model
 */
export function dumps(doc, model) {
  return stringify(ordered(doc, model.order, model.blank)) + "\n";
}

/** A deep copy that keeps the key order. @param {any} doc */
function copy(doc) {
  return parseJSON(stringify(doc));
}

const FULL_WIDTH = /[\uff10-\uff19\uff0e\uff0d]/g;

/** ASCII digits, point and minus for their full-width forms; trimmed. @param {string} text */
function normalise(text) {
  return text.trim().replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/^[\u2212]/, "-");
}

/**
 * Read the text of an input of `kind`: `{value}` or `{error}` (a message key).
 * An empty text is `null` (blank), never 0.
 * @param {string} kind @param {string} text
 * @returns {{value: any, error?: string}}
 */
export function parseValue(kind, text) {
  const t = normalise(text);
  if (kind === "text") return { value: text };
  if (t === "") return { value: null };
  if (kind === "count" || kind === "signed" || kind === "year") {
    const pattern = kind === "signed" ? /^-?[0-9]+$/ : kind === "year" ? /^[0-9]{4}$/ : /^[0-9]+$/;
    const number = Number(t);
    if (!pattern.test(t) || !Number.isSafeInteger(number)) {
      return { value: null, error: { count: "notCount", signed: "notSigned", year: "notYear" }[kind] };
    }
    return { value: number === 0 ? 0 : number };
  }
  if (kind === "money") {
    const money = t.replace(/^0+(?=[0-9])/, "");
    return /^(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(money) ? { value: money } : { value: null, error: "notMoney" };
  }
  return { value: t };
}

/** @param {any} value */
function showValue(value) {
  return value === null || value === undefined ? "" : String(value);
}

/**
 * Recompute the totals whose addends are in `changed` (and the totals of those),
 * in the model's order; a total with a blank or invalid addend is blank, as the
 * builder computes it. Returns the paths it set.
 * @param {any} doc @param {FormModel} model @param {Set<string> | null} changed null: all
 */
export function computeTotals(doc, model, changed) {
  const dirty = new Set(changed ?? []);
  for (const [total, addends] of model.totals) {
    if (changed !== null && !addends.some((path) => dirty.has(path))) continue;
    let sum = 0;
    for (const path of addends) {
      const value = getPath(doc, path);
      if (!Number.isInteger(value) || value < 0) { sum = NaN; break; }
      sum += value;
    }
    setPath(doc, total, Number.isNaN(sum) ? null : sum);
    dirty.add(total);
  }
  return dirty;
}

/**
 * Rows of cells from text copied out of a spreadsheet or a word processor.
 * @param {string} text
 */
export function parseBlock(text) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines.map((line) => line.split("\t"));
}

/** @param {string} template @param {Record<string, any>} values */
function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, name) => showValue(values[name]));
}

/** @param {string} cellPath @param {string} path */
function covers(path, cellPath) {
  return path !== "$" && (cellPath === path || cellPath.startsWith(path + ".") || cellPath.startsWith(path + "["));
}

/** @type {WeakMap<Element, FormController>} */
const controllers = new WeakMap();

/** One mounted form. */
export class FormController {
  /** @param {HTMLElement} root @param {MountOptions} options */
  constructor(root, options) {
    const started = performance.now();
    this.root = root;
    this.p = root.dataset.prefix ?? "govinfo-";
    /** @type {FormModel} */
    this.model = this.data("form-model");
    /** @type {Record<string, string>} */
    this.messages = { ...this.data("form-messages"), ...(options.messages ?? {}) };
    this.ruleSet = options.ruleSet ?? this.data("form-rules");
    this.options = { ...options, previous: options.previous ?? this.data("form-previous") };
    this.storageKey = options.storageKey === undefined
      ? `govinfo-report-form:${this.model.format}:draft` : options.storageKey;
    /** @type {Map<string, Control>} */
    this.controls = new Map();
    for (const control of /** @type {NodeListOf<Control>} */ (root.querySelectorAll("[data-path]"))) {
      this.controls.set(/** @type {string} */ (control.dataset.path), control);
    }
    const tables = [...root.querySelectorAll("table")];
    /** @type {GridCell[]} */
    this.grid = [...root.querySelectorAll(`input.${this.p}cell`)].map((element) => {
      const input = /** @type {HTMLInputElement} */ (element);
      return { input, table: tables.indexOf(/** @type {HTMLTableElement} */ (input.closest("table"))),
        row: Number(input.dataset.row), col: Number(input.dataset.col), span: Number(input.dataset.span) };
    });
    /** @type {Map<HTMLInputElement, number>} */
    this.gridIndex = new Map(this.grid.map((cell, index) => [cell.input, index]));
    /** @type {Map<string, string>} path of an invalid input -> message key */
    this.invalid = new Map();
    /** @type {string[]} */
    this.undoStack = [];
    /** Whether the report was changed here since it was opened (drafts are saved only then). */
    this.dirty = false;
    /** @type {string | null} */
    this.pending = null;
    /** @type {Finding[]} */
    this.findings = [];
    /** @type {Element[]} */
    this.marked = [];
    /** @type {Map<string, string[]>} */
    this.coveredCache = new Map();
    /** What the list shows now (see showFindings). */
    this.shown = "";
    this.timings = { render: 0, check: 0 };
    this.applyMessages();
    this.events = new AbortController();
    this.listen();
    const initial = options.report ?? this.data("form-report") ?? this.model.blank;
    this.doc = ordered(copy(initial), this.model.order, this.model.blank);
    this.showAll();
    this.check();
    this.offerDraft();
    this.timings.render = performance.now() - started;
  }

  /** The parsed JSON data block `{prefix}{name}`, or undefined. @param {string} name */
  data(name) {
    const block = this.root.querySelector(`script.${this.p}${name}`);
    if (!block) return undefined;
    const text = /** @type {string} */ (block.textContent);
    return name.endsWith("report") || name.endsWith("previous") ? parseJSON(text) : JSON.parse(text);
  }

  /** @param {string} selector */
  part(selector) {
    return /** @type {HTMLElement} */ (this.root.querySelector(`.${this.p}${selector}`));
  }

  /** The report as a canonical JSON document (a copy). */
  get report() {
    return ordered(this.doc, this.model.order, this.model.blank);
  }

  /** The canonical JSON text of the report, as Python's `dumps` writes it. */
  toJSON() {
    return dumps(this.doc, this.model);
  }

  applyMessages() {
    for (const element of /** @type {NodeListOf<HTMLElement>} */ (this.root.querySelectorAll("[data-message]"))) {
      const text = this.messages[/** @type {string} */ (element.dataset.message)];
      if (text !== undefined) element.textContent = text;
    }
  }

  listen() {
    const signal = this.events.signal;
    const root = this.root;
    root.addEventListener("input", (event) => this.onInput(/** @type {Control} */ (event.target)), { signal });
    root.addEventListener("change", () => this.commit(), { signal });
    root.addEventListener("focusin", (event) => this.onFocus(/** @type {HTMLElement} */ (event.target)), { signal });
    root.addEventListener("focusout", () => this.commit(), { signal });
    root.addEventListener("keydown", (event) => this.onKey(event), { signal });
    root.addEventListener("paste", (event) => this.onPaste(event), { signal });
    root.addEventListener("click", (event) => this.onClick(event), { signal });
    const file = /** @type {HTMLInputElement} */ (this.part("form-file"));
    file.addEventListener("change", () => {
      if (file.files && file.files[0]) this.openFile(file.files[0]);
      file.value = "";
    }, { signal });
    const previous = /** @type {HTMLInputElement} */ (this.part("form-previous-file"));
    previous.addEventListener("change", () => {
      if (previous.files && previous.files[0]) this.openFile(previous.files[0], true);
      previous.value = "";
    }, { signal });
    const strict = /** @type {HTMLInputElement} */ (this.part("form-strict-box"));
    strict.addEventListener("change", () => { this.options.strict = strict.checked; this.check(); }, { signal });
    root.addEventListener("dragover", (event) => {
      if (event.dataTransfer && [...event.dataTransfer.types].includes("Files")) {
        event.preventDefault();
        root.classList.add(`${this.p}form-dragging`);
      }
    }, { signal });
    root.addEventListener("dragleave", () => root.classList.remove(`${this.p}form-dragging`), { signal });
    root.addEventListener("drop", (event) => {
      root.classList.remove(`${this.p}form-dragging`);
      const dropped = event.dataTransfer?.files[0];
      if (dropped) { event.preventDefault(); this.openFile(dropped); }
    }, { signal });
  }

  /** Stop listening (the markup stays). */
  destroy() {
    this.events.abort();
    controllers.delete(this.root);
  }

  // ---- values ----

  /** Show the value of `path` in its input. @param {string} path */
  show(path) {
    const control = this.controls.get(path);
    if (!control) return;
    const value = getPath(this.doc, path);
    control.value = showValue(value);
    this.setInvalid(path, null);
    if (control.classList.contains(`${this.p}cell`)) {
      control.parentElement?.classList.toggle(`${this.p}blank`, value === null);
    }
  }

  showAll() {
    for (const path of this.controls.keys()) this.show(path);
    this.showTitle();
  }

  showTitle() {
    const organ = getPath(this.doc, "$.metadata.organ") ?? "";
    const year = getPath(this.doc, "$.metadata.year");
    this.part("form-title-organ").textContent = organ + (year === null ? "" : `${year}年`);
  }

  /** @param {string} path @param {string | null} error message key */
  setInvalid(path, error) {
    const control = this.controls.get(path);
    if (!control) return;
    if (error === null) {
      this.invalid.delete(path);
      control.removeAttribute("aria-invalid");
    } else {
      this.invalid.set(path, error);
      control.setAttribute("aria-invalid", "true");
    }
  }

  /** Read an edited input into the report. @param {Control} control */
  onInput(control) {
    const path = control.dataset.path;
    const kind = control.dataset.kind;
    if (!path || !kind || !this.controls.has(path)) return;
    const { value, error } = parseValue(kind, control.value);
    this.setInvalid(path, error ?? null);
    this.cellMessage(control);
    if (error) { this.showFindings(); return; } // the summary counts the refused inputs
    if (this.pending !== null) {
      this.pushUndo(this.pending);
      this.pending = null;
    }
    setPath(this.doc, path, value);
    this.dirty = true;
    if (control.classList.contains(`${this.p}cell`)) {
      control.parentElement?.classList.toggle(`${this.p}blank`, value === null);
    }
    this.update(new Set([path]));
  }

  /**
   * Recompute the totals of `changed` cells, check, and tell the embedding page.
   * @param {Set<string> | null} changed null: every total
   * @param {Set<string>} [keep] totals to leave as given (pasted)
   */
  update(changed, keep) {
    const started = performance.now();
    const setTotals = new Set();
    for (const [total, addends] of this.model.totals) {
      if (keep?.has(total)) continue;
      if (changed === null || addends.some((path) => changed.has(path) || setTotals.has(path))) {
        computeTotals(this.doc, { ...this.model, totals: [[total, addends]] }, null);
        setTotals.add(total);
        this.show(total);
      }
    }
    if (changed?.has("$.metadata.organ") || changed?.has("$.metadata.year")) this.showTitle();
    this.check();
    this.timings.check = performance.now() - started;
  }

  // ---- checks ----

  check() {
    const { previous, strict } = this.options;
    /** @type {HTMLInputElement} */ (this.part("form-strict-box")).checked = Boolean(strict);
    this.findings = this.ruleSet ? evaluate(this.ruleSet, this.doc, { previous, strict }) : [];
    this.showFindings();
    const detail = { report: this.report, findings: this.findings };
    this.root.dispatchEvent(new CustomEvent(CHANGE_EVENT, { bubbles: true, composed: true, detail }));
    this.options.onChange?.(detail);
  }

  showFindings() {
    const p = this.p;
    // Most edits leave the findings as they were: then the list and the marks stay.
    const shown = JSON.stringify([this.invalid.size, this.findings.map((finding) =>
      [finding.rule, finding.severity, finding.acknowledged, finding.message, finding.json_paths ?? finding.json_path])]);
    if (shown === this.shown) return;
    this.shown = shown;
    for (const element of this.marked) {
      element.classList.remove(`${p}flagged`, `${p}error`, `${p}warning`, `${p}acknowledged`);
      const control = /** @type {HTMLInputElement | null} */ (element.querySelector("[data-path]"));
      if (!control) continue;
      control.removeAttribute("aria-describedby");
      if (control.readOnly) control.title = this.messages.derived;
      else control.removeAttribute("title");
    }
    this.marked = [];
    const list = this.part("form-finding-list");
    const items = [];
    /** @type {Map<Control, {ids: string[], titles: string[], severity: string}>} */
    const marks = new Map();
    const idPrefix = `${this.root.dataset.idPrefix ?? p + "form"}-finding-`;
    for (const [index, finding] of this.findings.entries()) {
      const severity = finding.acknowledged ? "acknowledged" : finding.severity;
      const paths = finding.json_paths ?? (finding.json_path ? [finding.json_path] : []);
      /** @type {string | null} */
      let first = null;
      for (const cellPath of new Set(paths.flatMap((path) => this.covered(path)))) {
        first ??= cellPath;
        const control = /** @type {Control} */ (this.controls.get(cellPath));
        const mark = marks.get(control) ?? { ids: [], titles: [], severity: "acknowledged" };
        mark.ids.push(idPrefix + index);
        mark.titles.push(`${finding.rule} ${finding.message}`);
        if (severity === "error" || severity === "warning" && mark.severity !== "error") mark.severity = severity;
        marks.set(control, mark);
      }
      const item = document.createElement("li");
      item.id = idPrefix + index;
      item.className = `${p}finding ${p}${severity}`;
      const location = (finding.labels ?? []).join(" › ") || paths[0] || "$";
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.action = "jump";
      if (first !== null) button.dataset.target = first;
      else button.disabled = true;
      const label = this.messages[severity] ?? severity;
      button.append(span(`${p}severity`, label), " ", span(`${p}rule`, finding.rule), ` ${location}：${finding.message}`);
      item.append(button);
      items.push(item);
    }
    for (const [control, mark] of marks) {
      const holder = /** @type {Element} */ (control.parentElement);
      holder.classList.add(`${p}flagged`, `${p}${mark.severity}`);
      control.setAttribute("aria-describedby", mark.ids.join(" "));
      control.title = mark.titles.join("\n");
      this.marked.push(holder);
    }
    list.replaceChildren(...items);
    const summary = this.findings.length ? fill(this.messages.findingCount, { count: this.findings.length })
      : this.messages.noFindings;
    const invalid = this.invalid.size ? fill(this.messages.invalidCells, { count: this.invalid.size }) : "";
    this.part("form-findings-summary").textContent = [summary, invalid].filter(Boolean).join(" ");
  }

  /** The bound paths a finding's path names (itself, or the cells below it). @param {string} path */
  covered(path) {
    let paths = this.coveredCache.get(path);
    if (!paths) {
      paths = this.controls.has(path) ? [path] : [...this.controls.keys()].filter((cellPath) => covers(path, cellPath));
      this.coveredCache.set(path, paths);
    }
    return paths;
  }

  /** @param {string} path */
  jump(path) {
    const control = this.controls.get(path);
    if (!control) return;
    control.scrollIntoView({ block: "center" });
    control.focus();
  }

  // ---- cell messages ----

  /** Show the message of an invalid input next to it, or hide it. @param {Control} control */
  cellMessage(control) {
    const box = this.part("form-cell-message");
    const error = this.invalid.get(control.dataset.path ?? "");
    if (!error) { box.hidden = true; return; }
    const rootBox = this.root.getBoundingClientRect();
    const cell = control.getBoundingClientRect();
    box.textContent = `“${control.value}” ${this.messages[error]}`;
    box.style.left = `${cell.left - rootBox.left}px`;
    box.style.top = `${cell.bottom - rootBox.top + 2}px`;
    box.hidden = false;
  }

  // ---- keyboard, paste, undo ----

  /** @param {HTMLElement} target */
  onFocus(target) {
    const control = /** @type {Control} */ (target);
    if (!control.dataset?.path) return;
    // The report before this cell's edit, pushed on the undo stack at its first change.
    if (this.gridIndex.has(/** @type {HTMLInputElement} */ (control))) this.pending = stringify(this.doc);
    this.cellMessage(control);
  }

  commit() {
    this.pending = null;
    this.saveDraft();
  }

  /** @param {string} snapshot the report before a change */
  pushUndo(snapshot) {
    this.dirty = true;
    this.undoStack.push(snapshot);
    if (this.undoStack.length > MAX_UNDO) this.undoStack.shift();
  }

  undo() {
    const snapshot = this.undoStack.pop();
    if (snapshot === undefined) { this.status(this.messages.nothingToUndo); return; }
    this.doc = parseJSON(snapshot);
    this.pending = null;
    this.showAll();
    this.check();
    this.saveDraft();
    this.status(this.messages.undone);
  }

  /** @param {KeyboardEvent} event */
  onKey(event) {
    const input = /** @type {HTMLInputElement} */ (event.target);
    const index = this.gridIndex.get(input);
    if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === "z") {
      if (index === undefined && input.dataset?.path) return; // texts keep their own undo
      event.preventDefault();
      this.undo();
      return;
    }
    if (index === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    let target = -1;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0 || input.selectionStart === 0 && input.selectionEnd === input.value.length;
    const atEnd = input.selectionEnd === input.value.length;
    if (event.key === "Enter") target = index + (event.shiftKey ? -1 : 1);
    else if (event.key === "ArrowLeft" && atStart) target = index - 1;
    else if (event.key === "ArrowRight" && atEnd) target = index + 1;
    else if (event.key === "ArrowDown") target = this.vertical(index, 1);
    else if (event.key === "ArrowUp") target = this.vertical(index, -1);
    else return;
    event.preventDefault();
    const cell = this.grid[target];
    if (cell) { cell.input.focus(); cell.input.select(); }
  }

  /** The nearest cell below (`step` 1) or above (-1) sharing a column, else the next in reading order. @param {number} index @param {number} step */
  vertical(index, step) {
    const here = this.grid[index];
    for (let other = index + step; other >= 0 && other < this.grid.length; other += step) {
      const cell = this.grid[other];
      if (cell.table !== here.table) break;
      if (cell.row !== here.row && cell.col < here.col + here.span && here.col < cell.col + cell.span) return other;
    }
    return index + step;
  }

  /** @param {ClipboardEvent} event */
  onPaste(event) {
    const input = /** @type {HTMLInputElement} */ (event.target);
    const index = this.gridIndex.get(input);
    const text = event.clipboardData?.getData("text/plain") ?? "";
    if (index === undefined || !/[\t\n\r]/.test(text.replace(/[\r\n]+$/, ""))) return;
    event.preventDefault();
    this.pasteBlock(index, parseBlock(text));
  }

  /**
   * Fill the grid from the cell `index` with rows of texts: each row goes to the
   * next row of the same table, each text to the next cell of that row.
   * @param {number} index @param {string[][]} rows
   */
  pasteBlock(index, rows) {
    const anchor = this.grid[index];
    this.pushUndo(stringify(this.doc));
    const rowsBelow = [...new Set(this.grid.filter((c) => c.table === anchor.table && c.row >= anchor.row).map((c) => c.row))]
      .sort((a, b) => a - b);
    const changed = new Set();
    let count = 0;
    rows.forEach((texts, r) => {
      const row = rowsBelow[r];
      if (row === undefined) return;
      const cells = this.grid.filter((c) => c.table === anchor.table && c.row === row && c.col + c.span > anchor.col);
      texts.forEach((text, c) => {
        const cell = cells[c];
        if (!cell) return;
        const path = /** @type {string} */ (cell.input.dataset.path);
        const { value, error } = parseValue(/** @type {string} */ (cell.input.dataset.kind), text);
        cell.input.value = text.trim();
        if (!error) { setPath(this.doc, path, value); this.show(path); changed.add(path); }
        this.setInvalid(path, error ?? null);
        count += 1;
      });
    });
    this.update(changed, changed);
    this.saveDraft();
    this.status(fill(this.messages.pasted, { count }));
  }

  // ---- actions ----

  /** @param {MouseEvent} event */
  onClick(event) {
    const button = /** @type {HTMLElement} */ (event.target).closest("button[data-action]");
    if (!button || !this.root.contains(button)) return;
    const action = /** @type {HTMLElement} */ (button).dataset.action;
    if (action === "open") /** @type {HTMLInputElement} */ (this.part("form-file")).click();
    else if (action === "openPrevious") /** @type {HTMLInputElement} */ (this.part("form-previous-file")).click();
    else if (action === "save") this.save();
    else if (action === "print") window.print();
    else if (action === "undo") this.undo();
    else if (action === "fillZeros") this.fillZeros();
    else if (action === "recompute") this.recompute();
    else if (action === "restore") this.restoreDraft();
    else if (action === "discard") this.discardDraft();
    else if (action === "jump") this.jump(/** @type {string} */ (/** @type {HTMLElement} */ (button).dataset.target));
  }

  /** Fill every blank entered cell with 0 (totals then follow). */
  fillZeros() {
    this.pushUndo(stringify(this.doc));
    const changed = new Set();
    const derived = new Set(this.model.totals.map(([total]) => total));
    for (const { input } of this.grid) {
      const path = /** @type {string} */ (input.dataset.path);
      if (derived.has(path) || this.invalid.has(path) || getPath(this.doc, path) !== null) continue;
      setPath(this.doc, path, input.dataset.kind === "money" ? "0" : 0);
      this.show(path);
      changed.add(path);
    }
    this.update(changed);
    this.saveDraft();
    this.status(fill(this.messages.filled, { count: changed.size }));
  }

  recompute() {
    this.pushUndo(stringify(this.doc));
    this.update(null);
    this.saveDraft();
    this.status(this.messages.recomputed);
  }

  /** Replace the report (printed totals are kept: disagreements become findings). @param {any} doc */
  setReport(doc) {
    this.pushUndo(stringify(this.doc));
    this.doc = ordered(copy(doc), this.model.order, this.model.blank);
    this.showAll();
    this.check();
  }

  /** @param {Blob & {name?: string}} file @param {boolean} [previous] the report of the year before */
  async openFile(file, previous) {
    const name = file.name ?? "";
    const text = await file.text();
    this.openText(text, name, previous);
  }

  /** @param {string} text @param {string} name @param {boolean} [previous] the report of the year before */
  openText(text, name, previous) {
    let doc;
    try {
      doc = parseJSON(text);
    } catch (error) {
      this.status(fill(this.messages.notJson, { name, error: /** @type {Error} */ (error).message }));
      return;
    }
    if (previous && isObject(doc) && typeof doc.format === "string") {
      // The year before may be in the other format (a 2020 report for a 2021 one).
      this.options.previous = doc;
      this.check();
      this.status(fill(this.messages.previousOpened, { name }));
      return;
    }
    if (!isObject(doc) || doc.format !== this.model.format) {
      this.status(fill(this.messages.wrongFormat, { name, found: isObject(doc) ? doc.format : "?", expected: this.model.format }));
      return;
    }
    this.setReport(doc);
    this.saveDraft();
    this.status(fill(this.messages.opened, { name }));
  }

  fileName() {
    const organ = String(getPath(this.doc, "$.metadata.organ") || "report");
    const year = getPath(this.doc, "$.metadata.year");
    return `${organ}${year === null ? "" : "-" + year}.json`.replace(/[\\/:*?"<>|\s]+/g, "_");
  }

  save() {
    const name = this.fileName();
    const url = URL.createObjectURL(new Blob([this.toJSON()], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    this.root.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    this.discardDraft(true);
    const missing = [...this.controls].filter(([path, control]) => control.required && showValue(getPath(this.doc, path)) === "")
      .map(([, control]) => control.labels?.[0]?.textContent ?? control.dataset.path);
    this.status(fill(this.messages.saved, { name }) + (missing.length ? fill(this.messages.missing, { fields: missing.join("、") }) : ""));
  }

  /** @param {string} text */
  status(text) {
    this.part("form-status").textContent = text;
  }

  // ---- drafts ----

  /** @returns {Storage | null} */
  storage() {
    try { return this.storageKey ? window.localStorage : null; } catch { return null; }
  }

  saveDraft() {
    const storage = this.storage();
    if (!storage || !this.storageKey || !this.dirty) return;
    try {
      storage.setItem(this.storageKey, JSON.stringify({ time: new Date().toISOString(), report: stringify(this.doc) }));
    } catch { /* storage full or refused: drafts are a convenience */ }
  }

  offerDraft() {
    const storage = this.storage();
    const raw = this.storageKey ? storage?.getItem(this.storageKey) : null;
    if (!raw) return;
    try {
      const draft = JSON.parse(raw);
      const report = parseJSON(draft.report);
      if (dumps(report, this.model) === this.toJSON()) return;
      this.draft = report;
      this.part("form-draft-text").textContent = fill(this.messages.draftFound, { time: new Date(draft.time).toLocaleString("zh-CN") });
      this.part("form-draft").hidden = false;
    } catch { /* a broken draft is ignored */ }
  }

  restoreDraft() {
    if (this.draft) this.setReport(this.draft);
    this.part("form-draft").hidden = true;
    this.status(this.messages.restored);
  }

  /** @param {boolean} [quiet] */
  discardDraft(quiet) {
    try { if (this.storageKey) this.storage()?.removeItem(this.storageKey); } catch { /* ignored */ }
    this.draft = undefined;
    this.part("form-draft").hidden = true;
    if (!quiet) this.status("");
  }
}

/** @param {string} className @param {string} text */
function span(className, text) {
  const element = document.createElement("span");
  element.className = className;
  element.textContent = text;
  return element;
}

/**
 * Mount the form in `element` (a <govinfo-report-form> or an element holding
 * one). Mounting again returns the same controller with the new options
 * (`report` replaces the report; `onChange`, `previous`, `strict`, `messages` apply from now on).
 * @param {Element} element @param {MountOptions} [options]
 */
export function mount(element, options = {}) {
  const root = /** @type {HTMLElement | null} */ (element.matches(ELEMENT) ? element : element.querySelector(ELEMENT));
  if (!root) throw new Error(`mount: no <${ELEMENT}> in the element`);
  let controller = controllers.get(root);
  if (!controller) {
    controller = new FormController(root, options);
    controllers.set(root, controller);
    return controller;
  }
  const { report, ...rest } = options;
  Object.assign(controller.options, rest);
  if (rest.ruleSet) controller.ruleSet = rest.ruleSet;
  if (rest.messages) { Object.assign(controller.messages, rest.messages); controller.applyMessages(); }
  if (report) controller.setReport(report);
  else controller.check();
  return controller;
}

const Base = typeof HTMLElement === "undefined" ? /** @type {typeof HTMLElement} */ (/** @type {unknown} */ (class {})) : HTMLElement;

/** <govinfo-report-form>: mounts itself when connected, unless it has `manual`. */
export class GovInfoReportForm extends Base {
  connectedCallback() {
    if (!this.hasAttribute("manual")) mount(this);
  }

  /** The controller, once mounted. */
  get controller() {
    return controllers.get(this);
  }
}

if (typeof customElements !== "undefined" && !customElements.get(ELEMENT)) {
  customElements.define(ELEMENT, GovInfoReportForm);
}
