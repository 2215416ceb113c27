// "Cite" buttons: copy "A/RES/77/20, para. 17 (a)" and the paragraph's address.
// One listener on the document, so it keeps working across instant navigation.
(function () {
  function address(paragraph) {
    var canonical = document.querySelector('link[rel="canonical"]');
    var base = canonical ? canonical.href : location.href;
    return base.split("#")[0] + "#" + paragraph.id;
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
    copy(text).then(
      function () { button.textContent = "Copied"; },
      function () { button.textContent = "Copy failed"; }
    ).then(function () {
      setTimeout(function () { button.textContent = "Cite"; }, 2000);
    });
    button.setAttribute("data-copied", text);
  });
})();
