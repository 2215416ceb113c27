// Paragraph citations and highlighting.
// - "Cite" buttons copy "A/RES/77/20, para. 17 (a)" and the paragraph's permanent address.
// - The paragraph named in the address is highlighted, also after instant navigation
//   (which changes the address with pushState, so CSS :target alone does not follow).
// Listeners sit on the document, so they keep working across instant navigation.
(function () {
  function address(paragraph) {
    // The public address when the build names one (SITE_URL: the canonical link is built
    // from it); otherwise where the page is served from, never a placeholder.
    var known = window.edition && window.edition.publicUrl;
    var canonical = document.querySelector('link[rel="canonical"]');
    var base = known && canonical ? canonical.href : location.href;
    // Cite the folder address, the form that never changes: /resolutions/a-res-77-20/ (a
    // search's "?h=" highlight is the reader's, not the paragraph's).
    base = base.split("#")[0].split("?")[0].replace(/index\.html$/, "");
    return paragraph ? base + "#" + paragraph.id : base;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  // Citation styles: the UN's short form (with the paragraph's address), the UN's long
  // form, OSCOLA and Bluebook. The page carries every place's citation in every style
  // (rendered at build time by citeproc-js from the text's CSL-JSON); the choice is
  // remembered from page to page.
  var STYLE_KEY = "edition.citeStyle";
  function chosenStyle() {
    try { return localStorage.getItem(STYLE_KEY) || "un"; } catch (e) { return "un"; }
  }
  function citations() {
    var block = document.getElementById("edition-citations");
    if (!block) return null;
    if (block._data === undefined) {
      try { block._data = JSON.parse(block.getAttribute("data-citations")); } catch (e) { block._data = null; }
    }
    return block._data;
  }
  function citationText(button) {
    var place = button.hasAttribute("data-place") ? null : button.closest("[id]");
    var style = chosenStyle();
    var data = citations();
    var key = place ? place.id : "";
    if (style !== "un" && data && data.places[key] && data.places[key][style]) {
      return data.places[key][style];
    }
    return button.dataset.cite + " " + address(place);
  }
  function showStyle() {
    var style = chosenStyle();
    var data = citations();
    document.querySelectorAll("select.cite-style").forEach(function (select) {
      if (data && data.styles[style]) select.value = style;
    });
  }
  document.addEventListener("change", function (event) {
    var select = event.target.closest && event.target.closest("select.cite-style");
    if (!select) return;
    try { localStorage.setItem(STYLE_KEY, select.value); } catch (e) { /* private mode */ }
    showStyle();
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.cite-copy");
    if (!button) return;
    var text = citationText(button);
    var label = button.dataset.label || (button.dataset.label = button.textContent);
    button.setAttribute("data-copied", text);
    copy(text).then(
      function () { button.textContent = "Copied"; },
      function () { button.textContent = "Copy failed"; }
    ).then(function () {
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  });

  function highlight(scroll) {
    document.querySelectorAll(".is-target").forEach(function (el) {
      el.classList.remove("is-target");
    });
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    target.classList.add("is-target");
    // After instant navigation the new page may keep the old page's scroll position:
    // bring the paragraph into view once the page is laid out.
    if (scroll) requestAnimationFrame(function () { target.scrollIntoView({ block: "start" }); });
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(showStyle);
  } else {
    document.addEventListener("DOMContentLoaded", showStyle);
  }

  // A search result's address carries the words to mark ("?h=BioTracker"); once Material
  // has marked them, the address bar shows the paragraph's own address, the one to copy.
  function cleanAddress() {
    if (/(^|[?&])h=/.test(location.search.slice(1))) {
      history.replaceState(history.state, "", location.pathname + location.hash);
    }
  }

  window.addEventListener("hashchange", function () { highlight(false); });
  if (window.document$ && window.document$.subscribe) {
    var first = true;
    window.document$.subscribe(function () {
      var scroll = !first;  // the first page load is scrolled by the browser itself
      first = false;
      setTimeout(function () { highlight(scroll); cleanAddress(); }, 0);
    });
  } else {
    document.addEventListener("DOMContentLoaded", function () { highlight(false); cleanAddress(); });
  }

  // Switches remembered from page to page: the text alone (every annotation of the
  // edition hidden, on screen and in print), the notes printed too, and, on changes pages,
  // unchanged paragraphs hidden. Each sets a class on the root element that the stylesheet reads.
  var SWITCHES = [
    { key: "edition.textOnly", className: "text-only", button: "button.text-only-toggle",
      on: "Show the edition's notes", off: "Show the text alone" },
    { key: "edition.hideUnchanged", className: "hide-unchanged", button: "button.unchanged-toggle",
      on: "Show unchanged paragraphs", off: "Hide unchanged paragraphs" },
    // On paper the text is printed clean, unless the reader asks for the notes too.
    { key: "edition.printNotes", className: "print-notes", button: "button.print-notes-toggle",
      on: "Print the text without the notes", off: "Print the edition's notes too" },
  ];
  function isOn(item) {
    try { return localStorage.getItem(item.key) === "1"; } catch (e) { return false; }
  }
  function applySwitches() {
    SWITCHES.forEach(function (item) {
      var on = isOn(item);
      document.documentElement.classList.toggle(item.className, on);
      document.querySelectorAll(item.button).forEach(function (button) {
        button.setAttribute("aria-pressed", on ? "true" : "false");
        button.textContent = on ? item.on : item.off;
      });
    });
  }
  document.addEventListener("click", function (event) {
    SWITCHES.forEach(function (item) {
      if (!(event.target.closest && event.target.closest(item.button))) return;
      try { localStorage.setItem(item.key, isOn(item) ? "0" : "1"); } catch (e) { /* private mode */ }
      applySwitches();
    });
  });

  // A roman numeral's value: "xiv" -> 14 (0 when the letters are none).
  function romanValue(letters) {
    var values = { i: 1, v: 5, x: 10, l: 50 };
    var total = 0;
    for (var i = 0; i < letters.length; i++) {
      var value = values[letters[i]] || 0, next = values[letters[i + 1]] || 0;
      if (!value) return 0;
      total += value < next ? -value : value;
    }
    return total;
  }
  function toRoman(number) {
    var out = "";
    [[50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]].forEach(function (pair) {
      while (number >= pair[0]) { out += pair[1]; number -= pair[0]; }
    });
    return out;
  }
  // Go to a paragraph: "17", "17 (a)", "17a", "op17", "pp 3", "preambular 3", "fn 5", "annex 97";
  // in a resolution in parts, the part first: "II 1", "section II, para. 1 (a)", "A 3", "part B pp 2".
  // A treaty's article: "art 27(1)(a)", "art. 27, para. 1 (a)", "article 27 paragraph 1",
  // "annex II art 10": its anchor under the treaty's prefix ("annex1-art27-1-a"); without an
  // annex named, the first treaty on the page that has the place (or ``prefix`` if given).
  function articleAnchor(q, prefix) {
    var m = q.match(/^(?:annex(?: ([ivxl]+))? ?,? ?)?art(?:icle)?\.? ?(\d+)(.*)$/);
    if (!m) return null;
    var steps = (m[3].replace(/\b(?:para(?:graph)?|subpara(?:graph)?|item|point)\b\.?/g, " ").match(/\d+|[a-z]{1,4}/g) || []);
    var place = "-art" + m[2] + steps.map(function (s) { return "-" + s; }).join("");
    if (prefix) return prefix + place;
    var prefixes = m[1] ? ["annex" + romanValue(m[1])] : ["annex"];
    if (!m[1]) for (var n = 1; n <= 12; n++) prefixes.push("annex" + n);
    prefixes.push("annex-annex");
    var found = prefixes.map(function (p) { return p + place; }).find(function (id) { return document.getElementById(id); });
    return found || prefixes[0] + place;
  }
  function anchorFor(query, prefix) {
    var q = query.trim().toLowerCase().replace(/\s+/g, " ");
    var article = articleAnchor(q, prefix);
    if (article) return article;
    var m = q.match(/^(?:section |sec\.? |part |pt\.? )?([ivxl]+|[a-z])[ ,.]+(?!\()(.*\d.*)$/);
    if (m && !/^(?:pp|op|fn|annex)/.test(m[1] + m[2])) {
      var inner = anchorFor(m[2]);
      if (!inner) return null;
      var section = /^[ivxl]+$/.test(m[1]) && (m[1].length > 1 || !document.getElementById(m[1] + "-" + inner));
      return (section ? "sec" + romanValue(m[1]) : m[1]) + "-" + inner;
    }
    if ((m = q.match(/^(?:pp|preambular(?: para(?:graph)?\.?)?) ?(\d+)$/))) return "pp" + m[1];
    if ((m = q.match(/^(?:fn|footnote|note) ?(\d+)$/))) return "fn:" + m[1];
    if ((m = q.match(/^annex,?(?: para(?:graph)?\.?)? ?(\d+)$/))) return "annex-para" + m[1];
    // An unnumbered paragraph, named by its place as the edition cites it: "annex, third paragraph".
    if ((m = q.match(/^annex,? ([a-z -]+) paragraph$/)) && ordinalValue(m[1])) return "annex-p" + ordinalValue(m[1]);
    m = q.match(/^(?:op|para(?:graph)?\.?)? ?(\d+)\.? ?(?:\(? ?([a-z]{1,2}) ?\)?)? ?(?:\(? ?([ivx]{1,4}) ?\)?)?$/);
    if (!m) return null;
    return "op" + m[1] + (m[2] ? "-" + m[2] : "") + (m[3] ? "-" + m[3] : "");
  }
  document.addEventListener("submit", function (event) {
    var form = event.target.closest && event.target.closest("form.goto-paragraph");
    if (!form) return;
    event.preventDefault();
    var query = form.elements.paragraph.value;
    var id = anchorFor(query);
    var target = id && document.getElementById(id);
    var output = form.querySelector("output");
    if (!target) {
      output.textContent = query.trim() ? "No paragraph " + query.trim() + " in this text" : "";
      return;
    }
    output.textContent = "";
    location.hash = id;
    target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "start" });
  });

  // A glossary term tapped on a touch screen shows its definition first (Material shows
  // the tooltip of a focused link); a second tap, or its link, opens the glossary.
  var lastPointer = "mouse";
  document.addEventListener("pointerdown", function (event) { lastPointer = event.pointerType; }, true);
  // In the capture phase, before instant navigation takes the click over.
  document.addEventListener("click", function (event) {
    var term = event.target.closest && event.target.closest("a.term");
    if (!term || lastPointer !== "touch") return;
    if (term.dataset.shown !== "1") {
      event.preventDefault();
      event.stopPropagation();
      document.querySelectorAll("a.term[data-shown]").forEach(function (other) { delete other.dataset.shown; });
      term.dataset.shown = "1";
      term.focus();
    }
  }, true);

  // A citation typed in the search box ("77/20 para 17", "A/RES/77/20 17(a)", "77/20 op17",
  // "S/RES/2322 (2016), para. 13 (a)", "2322 (2016) 13(a)", "pp3" on a resolution's page)
  // lands on that paragraph: a first result that goes there.
  // Every form the page prints (its Cite button in each style) read back as the short one:
  // "G.A. Res. 77/20, ¶ 17(a) (Nov. 21, 2022).", "UNGA Res 77/20 (21 November 2022) UN Doc
  // A/RES/77/20, para 17(a).", "General Assembly resolution 77/20 of 21 November 2022, third
  // preambular paragraph", "S.C. Res. 2322, ¶ 13(a) (Dec. 12, 2016)." -> "77/20, para 17(a)".
  var ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
    "nineteenth"];
  var TENS = { twentieth: 20, thirtieth: 30, fortieth: 40, fiftieth: 50, sixtieth: 60, seventieth: 70,
    eightieth: 80, ninetieth: 90, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
    eighty: 80, ninety: 90 };
  var ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
  function ordinalValue(word) {
    var hundred = word.match(/^([a-z]+) hundred(?:th| and ([a-z-]+))$/);  // "one hundred and first"
    if (hundred && ONES.indexOf(hundred[1]) !== -1) {
      var rest = hundred[2] ? ordinalValue(hundred[2]) : 0;
      return rest === null ? null : (ONES.indexOf(hundred[1]) + 1) * 100 + rest;
    }
    var i = ORDINALS.indexOf(word);
    if (i !== -1) return i + 1;
    if (TENS[word] && /ieth$/.test(word)) return TENS[word];
    var parts = word.split("-");
    return parts.length === 2 && TENS[parts[0]] && ORDINALS.indexOf(parts[1]) !== -1 ? TENS[parts[0]] + ORDINALS.indexOf(parts[1]) + 1 : null;
  }
  function shortCitation(query) {
    var q = query.trim().replace(/\s+/g, " ").replace(/\.$/, "");
    // The UN's long form of an annexed text names it first: "X, annexed to General Assembly resolution ...".
    q = q.replace(/^.*?, annexed to ((?:General Assembly|Security Council) resolution [^,]+)(?:, (.*))?$/i,
      function (all, resolution, place) { return resolution + ", annex" + (place ? ", " + place : ""); });
    var council = /^(?:S\.C\. Res\.|UNSC Res|Security Council resolution) /i.test(q);
    q = q.replace(/^(?:G\.A\. Res\.|UNGA Res|General Assembly resolution|S\.C\. Res\.|UNSC Res|Security Council resolution) /i, "");
    var year = (q.match(/\((?:\d{1,2} [A-Za-z]+|[A-Za-z]+\.? \d{1,2},) (\d{4})\)/) || [])[1];
    q = q.replace(/ ?\((?:\d{1,2} [A-Za-z]+|[A-Za-z]+\.? \d{1,2},) \d{4}\)/, "").replace(/ of \d{1,2} [A-Za-z]+ \d{4}/, "");
    q = q.replace(/ UN Doc [AS]\/RES\/\S+?(?=,|$)/i, "");
    // A treaty as the guides cite it: OSCOLA's "(adopted 15 November 2000) 2225 UNTS 209",
    // Bluebook's ", Nov. 15, 2000, 2225 U.N.T.S. 209" after the article.
    q = q.replace(/ \(adopted [^)]*\)(?: \d+ UNTS \d+)?(?=,? art)/i, "");
    q = q.replace(/(\bart\.? [^,]*), [A-Z][a-z]+\.? \d{1,2}, \d{4}, \d+ U\.N\.T\.S\. \d+$/, "$1");
    if (council && year && /^\d{1,4}(?=,|$)/.test(q)) q = q.replace(/^(\d{1,4})/, "$1 (" + year + ")");
    // The annexed text's name (not a treaty's article: "annex I, art. 27, para. 1").
    q = q.replace(/, annex\b(?:(?!\bart(?:icle)?\b).)*?,? ?(?=(?:¶|\bpara\.?) ?\d+[^¶]*$)/i, ", annex ");
    var unnumbered = q.match(/, annex\b.*?((?:[a-z]+[ -]){0,4}[a-z]+) paragraph$/i);
    if (unnumbered && !/preambular$/i.test(unnumbered[1])) {
      // "..., annex (Kyoto Declaration ...), third paragraph": the place by its ordinal words.
      var words = unnumbered[1].toLowerCase().split(" ");
      for (var i = 0; i < words.length; i++) {
        if (ordinalValue(words.slice(i).join(" "))) {
          q = q.slice(0, unnumbered.index) + ", annex, " + words.slice(i).join(" ") + " paragraph";
          break;
        }
      }
    }
    q = q.replace(/pmbl\. ¶ ?/i, "preambular para ").replace(/¶ ?/g, "para ");
    q = q.replace(/, n\.? ?(\d+)$/, ", footnote $1");
    var preamble = q.match(/, ([a-z]+(?: hundred(?:th| and [a-z]+(?:-[a-z]+)?))?(?:-[a-z]+)?) preambular paragraph$/i);
    if (preamble && ordinalValue(preamble[1].toLowerCase())) {
      q = q.slice(0, preamble.index) + ", preambular para " + ordinalValue(preamble[1].toLowerCase());
    }
    return q;
  }
  function citationOf(query) {
    var q = shortCitation(query);
    var resolutions = (window.edition && window.edition.resolutions) || {};
    var m = q.match(/^(?:A\/RES\/)?((?:S-|ES-)?\d+\/\d+)[, ]*(.*)$/i);
    var council = q.match(/^(?:S\/RES\/)?(\d{1,4}) ?\((\d{4})\)[, ]*(.*)$/i);
    var treaties = (window.edition && window.edition.treaties) || {};
    var named = Object.keys(treaties).find(function (name) {
      return q.toLowerCase().indexOf(name) === 0 && /^,? ?art/i.test(q.slice(name.length));
    });
    if (named) {
      // "UNTOC art 27(1)": the treaty by its short title, then the article.
      var treaty = treaties[named];
      var inTreaty = anchorFor(q.slice(named.length).replace(/^,? ?/, ""), treaty.prefix);
      var symbolOf = Object.keys(resolutions).find(function (s) { return resolutions[s] === treaty.path; });
      return inTreaty && { symbol: symbolOf, anchor: inTreaty, path: treaty.path, name: q.slice(0, named.length) };
    }
    var symbol = null;
    var rest = q;
    if (m && resolutions["A/RES/" + m[1].toUpperCase()]) {
      symbol = "A/RES/" + m[1].toUpperCase();
      rest = m[2];
    } else if (council && resolutions["S/RES/" + council[1] + " (" + council[2] + ")"]) {
      symbol = "S/RES/" + council[1] + " (" + council[2] + ")";
      rest = council[3];
    } else {
      var here = Object.keys(resolutions).find(function (s) { return location.pathname.indexOf("/" + resolutions[s]) !== -1; });
      if (!here || !/^(?:pp|op|para|preambular|art|annex [ivxl]+,? art)/i.test(q)) return null;
      symbol = here;
    }
    var anchor = anchorFor(rest.replace(/^(?:para(?:graph)?\.?|op) ?/i, "op").replace(/^op(?=pp)/, ""));
    if (!anchor) return null;
    return { symbol: symbol, anchor: anchor, path: resolutions[symbol] };
  }
  // The citation reader, for other scripts of the page (and the tests, which ask it many
  // forms at once): "A/RES/77/20, para. 17 (a)" -> "resolutions/a-res-77-20/#op17-a", or null.
  window.editionCitationOf = function (query) {
    var found = citationOf(query);
    return found ? found.path + "#" + found.anchor : null;
  };
  function addCitationResult() {
    var input = document.querySelector("input.md-search__input");
    var list = document.querySelector(".md-search-result__list");
    if (!input || !list) return;
    var old = list.querySelector(".citation-result");
    var found = citationOf(input.value);
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    var href = found && new URL(base + "/" + found.path + "#" + found.anchor, location.href).href;
    if (old && (!found || old.querySelector("a").href !== href)) old.remove();
    if (!found || list.querySelector(".citation-result")) return;
    var item = document.createElement("li");
    item.className = "md-search-result__item citation-result";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = href;
    link.tabIndex = -1;
    var part = found.anchor.match(/^(?:sec(\d+)|([a-z]))-(?=pp|op)/);
    var place = part ? found.anchor.slice(part[0].length) : found.anchor;
    var label = place.replace(/^pp/, "preambular para. ").replace(/^op/, "para. ").replace(/-([a-z]+)/g, " ($1)");
    if (part) label = (part[1] ? "section " + toRoman(+part[1]) : part[2].toUpperCase()) + ", " + label;
    var article = found.anchor.match(/^annex(\d*)(?:-annex)?-art(\d+)((?:-\w+)*)$/);
    if (article) {
      // "annex I, art. 27, para. 1 (a)": as the page's Cite button says it.
      var steps = article[3].split("-").filter(Boolean);
      var first = steps.length && /^\d+$/.test(steps[0]) ? ", para. " + steps.shift() : "";
      label = (article[1] ? "annex " + toRoman(+article[1]) : "annex") + ", art. " + article[2] + first +
        steps.map(function (s) { return " (" + s + ")"; }).join("");
    }
    link.innerHTML = '<article class="md-search-result__article md-typeset"><h1></h1><p></p></article>';
    link.querySelector("h1").textContent = (found.name ? found.name + " · " : "") + found.symbol + ", " + label;
    link.querySelector("p").textContent = "Go to the paragraph";
    item.appendChild(link);
    list.insertBefore(item, list.firstChild);
  }
  new MutationObserver(addCitationResult).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("input.md-search__input")) addCitationResult();
  });

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(applySwitches);
  } else {
    document.addEventListener("DOMContentLoaded", applySwitches);
  }
  applySwitches();
})();
