// Sorts the inventory table by any column and filters it by text, owner and status.
// The filter lives in the URL's query, so a link reproduces the view. Without this
// script the full table is shown, most urgent first.
//
// Fast at a thousand rows: nothing touches the rows while the page opens unless the URL asks
// for a filter; the search index (each row's text, owner and classes) is read once, on first
// use; a filter writes only the rows whose visibility changes, and reads no layout; a sort
// orders a precomputed array of keys and moves the rows in one fragment.
(function () {
  "use strict";
  var table = document.getElementById("inventory");
  var form = document.getElementById("filters");
  if (!table || !form) return;
  var body = table.tBodies[0];
  var shown = document.getElementById("shown");
  var headers = table.tHead.rows[0].cells;
  var rows = Array.prototype.slice.call(body.rows);
  var entries = null;
  var keys = [];
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  form.hidden = false;

  function column(key) {
    for (var i = 0; i < headers.length; i++) if (headers[i].getAttribute("data-key") === key) return i;
    return -1;
  }
  var ownerColumn = column("owner");

  // Per row, in the page's order: the row, its searchable text (its own, and what the page's
  // search index adds: components, images, digest), owner and status classes.
  function index() {
    if (entries) return entries;
    var data = document.getElementById("inventory-search");
    var extra = data ? JSON.parse(data.textContent) : [];
    entries = rows.map(function (row, position) {
      return {
        row: row,
        position: position,
        text: (row.textContent + " " + (extra[position] || "")).toLowerCase(),
        owner: ownerColumn >= 0 ? row.cells[ownerColumn].textContent : "",
        classes: " " + row.className + " ",
        hidden: row.hidden
      };
    });
    return entries;
  }

  function statusMatches(classes, status) {
    if (status === "care") return classes.indexOf(" error ") >= 0 || classes.indexOf(" warning ") >= 0;
    if (status === "blocks") return classes.indexOf(" blocks ") >= 0;
    return classes.indexOf(" " + status + " ") >= 0;
  }

  function apply() {
    // The query as typed, spaces and all: "node 18" finds node 18.x, not every 18.
    var q = form.q.value.trim().toLowerCase().replace(/\s+/g, " ");
    var owner = form.owner.value;
    var status = form.status.value;
    var all = index();
    var count = 0;
    for (var i = 0; i < all.length; i++) {
      var entry = all[i];
      var visible = (!owner || entry.owner === owner) && (!status || statusMatches(entry.classes, status))
        && (!q || entry.text.indexOf(q) >= 0);
      if (entry.hidden === visible) {
        entry.hidden = !visible;
        entry.row.hidden = !visible;
      }
      if (visible) count++;
    }
    shown.textContent = count + " of " + all.length + " shown";
    markCount(status);
  }

  // The headline box of the status filter in use.
  var boxes = Array.prototype.slice.call(document.querySelectorAll("#counts a[href^='?status='], #counts a[href='index.html']"));
  function markCount(status) {
    boxes.forEach(function (a) {
      var mine = a.getAttribute("href") === (status ? "?status=" + status : "index.html");
      if (mine && (status || !form.q.value && !form.owner.value)) a.parentNode.setAttribute("aria-current", "true");
      else a.parentNode.removeAttribute("aria-current");
    });
  }

  function saveToURL() {
    var params = new URLSearchParams();
    ["q", "owner", "status"].forEach(function (name) { if (form[name].value) params.set(name, form[name].value); });
    var query = params.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
  }

  boxes.forEach(function (a) {
    a.addEventListener("click", function (event) {
      event.preventDefault();
      var href = a.getAttribute("href");
      if (href === "index.html") { form.q.value = ""; form.owner.value = ""; }
      form.status.value = href.indexOf("?status=") === 0 ? href.slice(8) : "";
      apply();
      saveToURL();
    });
  });

  var initial = new URLSearchParams(location.search);
  var filtered = false;
  ["q", "owner", "status"].forEach(function (name) {
    if (initial.has(name)) { form[name].value = initial.get(name); filtered = true; }
  });
  form.addEventListener("input", function () { apply(); saveToURL(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  // A cell's sort key: its data-sort number, or its text; an empty data-sort sorts last. A
  // column whose header says data-order="page" sorts in the page's own order (most urgent first).
  function sortKeys(column) {
    if (keys[column]) return keys[column];
    var byPage = headers[column].getAttribute("data-order") === "page";
    keys[column] = index().map(function (entry) {
      if (byPage) return entry.position;
      var cell = entry.row.cells[column];
      var sort = cell.getAttribute("data-sort");
      if (sort !== null) return sort === "" ? Infinity : Number(sort);
      return cell.textContent.trim();
    });
    return keys[column];
  }

  // The rows in a column's order, as positions in the page's order; ties keep the page's
  // order either way. Made once per column and direction, so a sort only moves rows.
  var orders = [];
  function columnOrder(column, ascending) {
    var made = orders[column] || (orders[column] = {});
    var name = ascending ? "up" : "down";
    if (made[name]) return made[name];
    var key = sortKeys(column), direction = ascending ? 1 : -1;
    var positions = index().map(function (entry) { return entry.position; });
    positions.sort(function (a, b) {
      var x = key[a], y = key[b], result;
      if (x === Infinity || y === Infinity) result = x === y ? 0 : x === Infinity ? 1 : -1;
      else result = direction * (typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y)));
      return result || a - b;
    });
    made[name] = positions;
    return positions;
  }

  function sort(th, column) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var all = index(), order = columnOrder(column, ascending), count = order.length;
    // The body leaves the page while its rows move, so the page sees one change.
    var next = body.nextSibling;
    table.removeChild(body);
    for (var i = 0; i < count; i++) body.appendChild(all[order[i]].row);
    table.insertBefore(body, next);
  }

  Array.prototype.forEach.call(headers, function (th, column) {
    th.setAttribute("data-sortable", "");
    th.tabIndex = 0;
    th.addEventListener("click", function () { sort(th, column); });
    th.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(th, column); }
    });
  });

  if (filtered) apply();
  else shown.textContent = rows.length + " of " + rows.length + " shown";

  // Once the page has loaded and the browser is idle, the index and each column's order are
  // made ahead of the first keystroke or click.
  function prepare() {
    index();
    for (var column = 0; column < headers.length; column++) { columnOrder(column, true); columnOrder(column, false); }
  }
  window.addEventListener("load", function () {
    if (window.requestIdleCallback) window.requestIdleCallback(prepare, { timeout: 2000 });
    else setTimeout(prepare, 200);
  });
})();
