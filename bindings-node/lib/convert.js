"use strict";
// Between the manifest's node names (what callers write and read: `messageEnabled`) and wire
// names (what the API speaks: `MessageEnabled`), by the generated tables in `generated/schema.js`.
// Input keys the SDK does not know are refused (naming them) instead of being dropped; answer
// fields the SDK does not know are kept under their wire names; `toWire` gives any answer back in
// wire form. Values are never changed here: type checks happen in the binding layer, which names
// problems with these same node names.

const schema = require("./generated/schema.js");
const { invalidInput } = require("./errors.js");

const MODEL = Symbol.for("telegent.model");
const NULLS = Symbol.for("telegent.nulls");

function inner(type, prefix) {
  return type.startsWith(prefix) && type.endsWith(">") ? type.slice(prefix.length, -1) : null;
}

function isPlainObject(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `fields` (node name -> [wire, type, required]) indexed by wire name, exact and lower-cased. */
const byWire = new Map();
function wireIndex(model) {
  let index = byWire.get(model);
  if (index === undefined) {
    index = new Map();
    for (const [node, [wire, type]] of Object.entries(schema.models[model].fields)) {
      index.set(wire, [node, type]);
      if (!index.has(wire.toLowerCase())) index.set(wire.toLowerCase(), [node, type]);
    }
    byWire.set(model, index);
  }
  return index;
}

function fieldList(fields) {
  return Object.keys(fields).join(", ") || "none";
}

/** A caller's value of neutral `type`, in wire form. `path` names it in errors. */
function valueToWire(operation, type, value, path) {
  const item = inner(type, "list<");
  if (item !== null) {
    if (Array.isArray(value)) return value.map((v, i) => valueToWire(operation, item, v, `${path}[${i}]`));
    return valueToWire(operation, item, value, path);
  }
  const entry = inner(type, "map<string,");
  if (entry !== null && isPlainObject(value)) {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = valueToWire(operation, entry, v, `${path}[${JSON.stringify(k)}]`);
    return out;
  }
  const model = schema.models[type];
  if (model !== undefined && isPlainObject(value)) return objectToWire(operation, model.fields, value, path, type);
  return value;
}

function objectToWire(operation, fields, value, path, modelName) {
  // (wireIndex maps a wire name to [node, type]; fields maps a node name to [wire, type, required].)
  if (value[MODEL] !== undefined) return toWire(value);
  const out = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    // A nested object may also be given in wire names, as the API documents it (`{ Number }`).
    const field = fields[key] ?? wireIndex(modelName).get(key);
    const here = path ? `${path}.${key}` : key;
    if (field === undefined) {
      throw invalidInput(operation, `${here} is not a field of ${modelName} (it has: ${fieldList(fields)}); send other keys with extraBody`, {
        [here]: ["is not a field"],
      });
    }
    const [wire, type] = fields[key] ?? [key, field[1]];
    out[wire] = valueToWire(operation, type, v, here);
  }
  return out;
}

/**
 * One call's parameters split into wire-named query and body (null for a part the operation does
 * not have). A key the operation does not have is an `InvalidInputError` naming it.
 */
function paramsToWire(operation, entry, params) {
  if (params === undefined || params === null) params = {};
  if (!isPlainObject(params)) {
    throw invalidInput(operation, `the parameters must be one object of named parameters, not ${describe(params)}`);
  }
  const query = entry.query ? {} : null;
  const body = entry.body ? {} : null;
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    let field = entry.query ? entry.query[key] : undefined;
    let part = query;
    if (field === undefined) {
      field = entry.body ? entry.body[key] : undefined;
      part = body;
    }
    if (field === undefined) {
      const known = { ...(entry.query || {}), ...(entry.body || {}) };
      throw invalidInput(operation, `${key} is not a parameter of ${operation} (it has: ${fieldList(known)})`, { [key]: ["is not a parameter"] });
    }
    if (value === null) continue; // null means "not given", as undefined; send an explicit null with extraBody
    part[field[0]] = valueToWire(operation, field[1], value, key);
  }
  return { query, body };
}

function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? `a ${value.constructor ? value.constructor.name : "object"}` : `a ${typeof value}`;
}

/** An answer of neutral `type` with node names; unknown fields stay under their wire names. */
function fromWire(type, value) {
  if (value === null || value === undefined) return value;
  const item = inner(type, "list<");
  if (item !== null) return Array.isArray(value) ? value.map((v) => fromWire(item, v)) : value;
  const entry = inner(type, "map<string,");
  if (entry !== null && isPlainObject(value)) {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = fromWire(entry, v);
    return out;
  }
  if (schema.models[type] === undefined || !isPlainObject(value)) return value;
  const index = wireIndex(type);
  const out = {};
  const nulls = [];
  for (const [key, v] of Object.entries(value)) {
    const field = index.get(key) ?? index.get(key.toLowerCase());
    if (field === undefined || Object.prototype.hasOwnProperty.call(out, field[0])) {
      out[key] = v; // unknown (or a second spelling of a field already read): kept as it came
    } else if (v === null) {
      nulls.push(key); // a known field that is null is absent; toWire writes the null back
    } else {
      out[field[0]] = fromWire(field[1], v);
    }
  }
  Object.defineProperty(out, MODEL, { value: type });
  if (nulls.length) Object.defineProperty(out, NULLS, { value: nulls });
  return out;
}

/**
 * The wire form of an answer (or of any object this SDK returned): wire names, unknown fields and
 * known fields that arrived as null included, exactly as the API would send it.
 */
function toWire(value) {
  if (Array.isArray(value)) return value.map(toWire);
  if (value === null || typeof value !== "object") return value;
  const model = value[MODEL];
  if (model === undefined) return value;
  const fields = schema.models[model].fields;
  const out = {};
  for (const [key, v] of Object.entries(value)) {
    const field = fields[key];
    if (field === undefined) out[key] = v;
    else out[field[0]] = wireOf(field[1], v);
  }
  for (const wire of value[NULLS] ?? []) out[wire] = null;
  return out;
}

function wireOf(type, value) {
  if (Array.isArray(value)) return value.map((v) => wireOf(inner(type, "list<") ?? type, v));
  return toWire(value);
}

module.exports = { paramsToWire, fromWire, toWire, isPlainObject, schema };
