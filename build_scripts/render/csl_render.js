// Renders CSL cite items with citeproc-js (the engine inside Zotero): reads
// {"styles": {key: {style, locale}}, "requests": [{item, style, locator, label}]} on stdin,
// writes the citation texts, in order, as a JSON list. One engine per style, reused.
"use strict";
const fs = require("fs");
const CSL = require(process.argv[2]);

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const items = new Map();
for (const r of input.requests) items.set(r.item.id, r.item);

const engines = {};
function engine(key) {
  if (!engines[key]) {
    const { style, locale, lang } = input.styles[key];
    const sys = {
      retrieveLocale: () => fs.readFileSync(locale, "utf8"),
      retrieveItem: (id) => items.get(id),
    };
    const e = new CSL.Engine(sys, fs.readFileSync(style, "utf8"), lang, true);
    e.setOutputFormat("text");
    e.updateItems(Array.from(items.keys()));
    engines[key] = e;
  }
  return engines[key];
}

const out = input.requests.map(function (r) {
  const cite = { id: r.item.id };
  if (r.locator) cite.locator = r.locator;
  if (r.label) cite.label = r.label;
  // makeCitationCluster renders a first citation without touching the registry: the
  // same text whatever was rendered before (no "ibid.", no short form).
  return engine(r.style).makeCitationCluster([cite]);
});
process.stdout.write(JSON.stringify(out));
