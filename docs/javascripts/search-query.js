// The search box's query, read as a researcher means it. Material's search worker (lunr)
// takes any one word of a query as enough, makes every word a prefix ("in" finds
// "International", "red" finds "Reducing") and forgives no typo; its query transform is not
// configurable. So the query is rewritten on its way to the worker, in lunr's own syntax
// (which Material's transform leaves alone):
// - a stop word goes (the index leaves them out: "in" could only match as a prefix);
// - every other word is required, whole ("+red"), a long one also one letter off
//   ("+interpool~1" finds "INTERPOL"); a hyphenated word by its parts ("+covid +19");
// - the last word, which the reader may still be typing, is a required prefix ("+notic*");
//   a long one is a prefix or one letter off, and not required.
// A query written in lunr's syntax (+, -, ~, ^, *, field:) is the reader's: untouched.
// Loaded in the head (a "polyfill", after the offline plugin's worker shim), before
// Material's bundle makes the worker. The query as typed goes along as ``raw`` for a worker
// that is not lunr (the Pagefind worker of a big site).
(function () {
  var Base = window.Worker;
  if (!Base) return;
  var QUERY = 2; // Material's worker message type for a query
  // lunr's English stop words (lunr.stopWordFilter), the words the index leaves out.
  var STOP = {};
  ("a able about across after all almost also am among an and any are as at be because been but by can " +
    "cannot could dear did do does either else ever every for from get got had has have he her hers him " +
    "his how however i if in into is it its just least let like likely may me might most must my neither " +
    "no nor not of off often on only or other our own rather said say says she should since so some than " +
    "that the their them then there these they this tis to too twas us wants was we were what when where " +
    "which while who whom why will with would yet you your").split(" ").forEach(function (word) {
    STOP[word] = true;
  });
  var FUZZY = 7; // letters from which a word also matches one letter off

  function isStop(word) {
    return STOP[word.toLowerCase()] === true;
  }

  function transform(query) {
    if (/(^|\s)[+-]|[~^*]|\w:/.test(query)) return query;
    var words = query.replace(/"/g, " ").trim().split(/\s+/).filter(function (w) { return w && !isStop(w); });
    if (!words.length) return query;
    var out = [];
    words.forEach(function (word, i) {
      var last = i === words.length - 1;
      if (/^[A-Za-z]+$/.test(word)) {
        if (!last) out.push("+" + word + (word.length >= FUZZY ? "~1" : ""));
        else if (word.length >= FUZZY) out.push(word + "*", word + "~1");
        else out.push("+" + word + "*");
      } else if (/^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+$/.test(word)) {
        // "COVID-19", "counter-terrorism": each part required, whole ("19" is no prefix).
        word.split("-").forEach(function (part) { if (!isStop(part)) out.push("+" + part); });
      } else {
        out.push(word); // a symbol, a number, "I-24/7": as typed
      }
    });
    return out.join(" ");
  }

  function EditionWorker(url, options) {
    var worker = new Base(url, options);
    var post = worker.postMessage;
    worker.postMessage = function (message) {
      if (message && message.type === QUERY && typeof message.data === "string") {
        message = { type: QUERY, data: transform(message.data), raw: message.data };
      }
      return post.apply(worker, [message].concat([].slice.call(arguments, 1)));
    };
    return worker;
  }
  EditionWorker.prototype = Base.prototype;
  window.Worker = EditionWorker;
  window.editionSearchQuery = transform; // for other scripts, and the tests
})();
