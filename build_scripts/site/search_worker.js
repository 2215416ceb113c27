/*
 * The search worker of a site indexed by Pagefind (see search_pagefind.py).
 *
 * Material's search box talks to its worker in four messages: set-up (0), ready (1),
 * query (2) and result (3). This worker answers them from Pagefind's chunked index, so the
 * box, the result list, keyboard navigation and highlighting all remain Material's.
 * A result is a list per page: the page first, then its paragraphs (Pagefind's
 * sub-results, one per heading of the search corpus), best matches first.
 */
const SETUP = 0
const READY = 1
const QUERY = 2
const RESULT = 3
const PAGES = 20 // pages whose details are fetched for one query (one small file each)
const FIRST = 3 // pages shown before the details of the others are in
const SHOWN = 3 // paragraphs shown for a page; the others fold under "more"

// The worker is assets/javascripts/workers/search.*.min.js: the site is three levels up.
const root = new URL("../../../", self.location.href)
let pagefind = null
// Resolutions are long pages that name their symbol in every paragraph title: do not let
// a short index page that cites it in passing outrank them.
const OPTIONS = { baseUrl: "/", excerptLength: 30, ranking: { pageLength: 0.0, termFrequency: 0.3 } }
let latest = 0

function relative(url) {
  return url.replace(/^\//, "")
}

function termsOf(query) {
  const terms = {}
  for (const word of query.toLowerCase().split(/\s+/)) if (word) terms[word] = true
  return terms
}

async function search(query, early) {
  const terms = termsOf(query)
  if (!Object.keys(terms).length) return []
  // Material asks at every key: a query that a newer one replaces within 100 ms is dropped
  // (null) before it loads anything.
  const found = await pagefind.debouncedSearch(query, {}, 100)
  if (found === null) return null
  const top = found.results.slice(0, PAGES)
  // The best pages are shown as soon as their details are in; the others follow.
  const first = await Promise.all(top.slice(0, FIRST).map(result => result.data()))
  if (top.length > FIRST) early(first.map((page, i) => resultOf(page, top[i].score, terms)))
  const rest = await Promise.all(top.slice(FIRST).map(result => result.data()))
  return [...first, ...rest].map((page, i) => resultOf(page, top[i].score, terms))
}

function resultOf(page, score, terms) {
  const article = {
    location: relative(page.url),
    title: page.meta.title,
    text: "",
    score,
    terms,
  }
  const sections = page.sub_results
    .filter(sub => sub.url.includes("#"))
    .map(sub => ({ sub, hits: sub.locations ? sub.locations.length : 0 }))
    .sort((a, b) => b.hits - a.hits)
    .map(({ sub }, rank) => ({
      location: relative(sub.url),
      title: sub.title,
      text: sub.excerpt,
      // Material shows the sections that score as high as the page, folds the others.
      score: rank < SHOWN ? score : score / 2,
      terms,
    }))
  if (!sections.length) article.text = page.excerpt
  return [article, ...sections]
}

self.addEventListener("message", async event => {
  const message = event.data
  if (message.type === SETUP) {
    // The index comes in parts (pagefind/parts.json): the first is loaded, the others
    // merged into it; a query searches them all and ranks their results together.
    const listed = await (await fetch(new URL("pagefind/parts.json", root))).json()
    const parts = listed.parts.map(part => new URL(`pagefind/${part.path}`, root).href)
    pagefind = await import(new URL("pagefind.js", parts[0]).href)
    await pagefind.options(OPTIONS)
    await pagefind.init()
    // The parts load side by side.
    await Promise.all(parts.slice(1).map(part => pagefind.mergeIndex(part, OPTIONS)))
    self.postMessage({ type: READY })
  } else if (message.type === QUERY) {
    const id = ++latest
    const send = items => {
      if (id === latest) self.postMessage({ type: RESULT, data: { items } })
    }
    // The query as typed (``raw``): the page rewrites it in lunr's syntax (search-query.js).
    const items = await search(message.raw || message.data, send)
    if (items !== null) send(items)
  }
})
