// Sorts the inventory table by any column and filters it by text, owner and status.
// The filter lives in the URL's query, so a link reproduces the view. Without this
// script the full table is shown.
(function () {
  "use strict";
  var table = document.getElementById("inventory");
  var form = document.getElementById("filters");
  if (!table || !form) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var shown = document.getElementById("shown");
  form.hidden = false;

  function text(row, column) {
    var cell = row.cells[column];
    return cell.getAttribute("data-sort") || cell.textContent.trim().toLowerCase();
  }

  function apply() {
    var q = form.q.value.trim().toLowerCase();
    var owner = form.owner.value;
    var status = form.status.value;
    var count = 0;
    rows.forEach(function (row) {
      var visible = (!q || row.textContent.toLowerCase().indexOf(q) >= 0)
        && (!owner || row.getAttribute("data-owner") === owner)
        && (!status || row.getAttribute("data-status") === status);
      row.hidden = !visible;
      if (visible) count++;
    });
    shown.textContent = count + " of " + rows.length + " shown";
  }

  function saveToURL() {
    var params = new URLSearchParams();
    ["q", "owner", "status"].forEach(function (name) { if (form[name].value) params.set(name, form[name].value); });
    var query = params.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
  }

  var initial = new URLSearchParams(location.search);
  ["q", "owner", "status"].forEach(function (name) { if (initial.has(name)) form[name].value = initial.get(name); });
  form.addEventListener("input", function () { apply(); saveToURL(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
    th.setAttribute("data-sortable", "");
    th.tabIndex = 0;
    function sort() {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = text(a, column), y = text(b, column);
        var nx = parseFloat(x), ny = parseFloat(y);
        var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, undefined, { numeric: true });
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (event) { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); } });
  });
  apply();
})();
