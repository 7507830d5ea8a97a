// Filters the organisation's service table by every word typed (each must appear in the row's
// name, owner, team, components, versions, image or digest). Without this script the whole
// table is shown. The query lives in the URL (?q=), so a link reproduces the search.
(function () {
  "use strict";
  var table = document.getElementById("org-services");
  var form = document.getElementById("org-filters");
  if (!table || !form) return;
  var input = form.elements.q;
  var shown = document.getElementById("org-shown");
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var texts = rows.map(function (row) { return row.getAttribute("data-search") || ""; });
  form.hidden = false;

  function apply(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    var count = 0;
    for (var i = 0; i < rows.length; i++) {
      var match = words.every(function (word) { return texts[i].indexOf(word) >= 0; });
      if (rows[i].hidden === match) rows[i].hidden = !match;
      if (match) count++;
    }
    shown.textContent = count + " of " + rows.length + " services";
  }

  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  apply(input.value);
  input.addEventListener("input", function () {
    apply(input.value);
    var url = new URL(window.location.href);
    if (input.value) url.searchParams.set("q", input.value); else url.searchParams.delete("q");
    try { window.history.replaceState(null, "", url.search ? url.search : url.pathname); } catch (e) { /* file:// */ }
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
})();
