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
    // Cite the folder address, the form that never changes: /resolutions/a-res-77-20/
    base = base.split("#")[0].replace(/index\.html$/, "");
    return base + "#" + paragraph.id;
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

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.cite-copy");
    if (!button) return;
    var paragraph = button.closest("[id]");
    var text = button.dataset.cite + (paragraph ? " " + address(paragraph) : "");
    button.setAttribute("data-copied", text);
    copy(text).then(
      function () { button.textContent = "Copied"; },
      function () { button.textContent = "Copy failed"; }
    ).then(function () {
      setTimeout(function () { button.textContent = "Cite"; }, 2000);
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

  window.addEventListener("hashchange", function () { highlight(false); });
  if (window.document$ && window.document$.subscribe) {
    var first = true;
    window.document$.subscribe(function () {
      var scroll = !first;  // the first page load is scrolled by the browser itself
      first = false;
      setTimeout(function () { highlight(scroll); }, 0);
    });
  } else {
    document.addEventListener("DOMContentLoaded", function () { highlight(false); });
  }
})();
