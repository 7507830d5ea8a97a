// Sorts the inventory table by any column and filters it by text, owner and status.
// The filter lives in the URL's query, so a link reproduces the view. Without this
// script the full table is shown, most urgent first.
//
// Fast at a thousand rows: nothing touches the rows while the page opens unless the URL asks
// for a filter; the search index (each row's text, owner and classes) is read once, on first
// use; each column's order is made once, ahead of the first click. A filter or a sort decides
// every row at once, then writes the rows to the page in the order they are shown: the first
// screenful at once, so the next frame shows it, and the rest in slices on the frames after,
// while the table says aria-busy="true". A browser lays out and paints a row it shows or moves
// (a few tens of microseconds each); a thousand of them in one frame is what kept clearing a
// filter or sorting a column above 100 ms. Rows already where and as they should be cost nothing.
(function () {
  "use strict";
  var table = document.getElementById("inventory");
  var form = document.getElementById("filters");
  if (!table || !form || !table.tBodies.length) return;
  // The rows come in groups of equal size, one <tbody> each, so the browser can skip a whole
  // group off screen at once (content-visibility) while a sort or filter rewrites it.
  var bodies = Array.prototype.slice.call(table.tBodies);
  var groupSize = Math.max(bodies[0].rows.length, 1);
  var shown = document.getElementById("shown");
  var headers = table.tHead.rows[0].cells;
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody > tr"));
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
        hidden: row.hidden,
        wanted: !row.hidden
      };
    });
    order = entries.map(function (entry) { return entry.position; });
    written = order.length;
    return entries;
  }

  function statusMatches(classes, status) {
    if (status === "care") return classes.indexOf(" error ") >= 0 || classes.indexOf(" warning ") >= 0;
    if (status === "blocks") return classes.indexOf(" blocks ") >= 0;
    return classes.indexOf(" " + status + " ") >= 0;
  }

  function apply() {
    var first = screenful();
    // The query as typed, spaces and all: "node 18" finds node 18.x, not every 18.
    var q = form.q.value.trim().toLowerCase().replace(/\s+/g, " ");
    var owner = form.owner.value;
    var status = form.status.value;
    var all = index();
    var count = 0;
    for (var i = 0; i < all.length; i++) {
      var entry = all[i];
      entry.wanted = (!owner || entry.owner === owner) && (!status || statusMatches(entry.classes, status))
        && (!q || entry.text.indexOf(q) >= 0);
      if (entry.wanted) count++;
    }
    shown.textContent = count + " of " + all.length + " shown";
    markCount(status);
    rewrite(first);
  }

  // Brings the page's rows to the decided order and visibility, in the order they are shown:
  // rows [0, written) of `order` are already right. One slice stops once it has shown a
  // screenful of rows (the first, written at once) or made `SLICE` changes (each later one, on
  // its own frame). Hiding a row is cheap; showing or moving one is what costs.
  var order = null;         // positions in the page's order, as the table is to show them
  var written = 0;
  var pending = false;
  var SLICE = 120;
  var firstScreen = [];     // the entries the first slice of the last rewrite showed
  var stale = [];           // entries of an earlier first slice that still say first-screen
  function rewrite(rowsToShow) {
    stale = stale.concat(firstScreen);
    firstScreen = [];
    written = 0;
    slice(rowsToShow, Infinity, firstScreen);
    // Styles and lays out the rows just written now, in the event's own task: the browser
    // would otherwise wait for the next frame to start before doing it, and that frame then
    // only paints (a sort at 1,000 services: the next frame 10-15 ms sooner). The first
    // screenful's rows that moved or came back say class="first-screen", which has them render
    // now; other rows skip rendering until the frame finds them on screen. Rows an earlier
    // first screenful drew lose the class in the next slice, after this frame.
    void table.offsetHeight;
    if (written < order.length) table.setAttribute("aria-busy", "true");
    if (!pending) {
      pending = true;
      // The next slice waits for the frame after the one that shows the first screenful:
      // written in that frame's animation callbacks, its rows just below the window (which the
      // browser renders ahead) would double the frame's style and layout work.
      requestAnimationFrame(function () { requestAnimationFrame(next); });
    }
  }
  // How many rows fill the window below the table's top, from the rows' average height as the
  // page lays them out now (read before any write, so it costs no extra layout), and a few more.
  var rowsShown = rows.length;
  function screenful() {
    var top = Math.max(bodies[0].getBoundingClientRect().top, 0);
    var height = rowsShown > 0 ? (bodies[bodies.length - 1].getBoundingClientRect().bottom - bodies[0].getBoundingClientRect().top) / rowsShown : 20;
    return Math.ceil(Math.max(window.innerHeight - top, 0) / Math.max(height, 8)) + 3;
  }
  function next() {
    pending = false;
    stale.forEach(function (entry) {
      if (entry.drawn && firstScreen.indexOf(entry) < 0) {
        entry.row.classList.remove("first-screen");
        entry.drawn = false;
      }
    });
    stale = [];
    slice(Infinity, SLICE);
    if (written < order.length) {
      pending = true;
      requestAnimationFrame(next);
    } else table.removeAttribute("aria-busy");
  }
  function slice(rowsToShow, changesToMake, drawn) {
    var all = index(), count = order.length, shownRows = 0, changes = 0;
    var before = written > 0 ? all[order[written - 1]].row : null;
    while (written < count && shownRows < rowsToShow && changes < changesToMake) {
      var entry = all[order[written]], changesBefore = changes;
      // Row `written` goes to its group's place `written % groupSize`: first in the group, or
      // right after the row before it. A group that is full keeps only its own rows: the rows
      // still to write go to the end of the table (off screen), where their turn finds them.
      var g = Math.floor(written / groupSize), group = bodies[Math.min(g, bodies.length - 1)];
      var first = written % groupSize === 0 && g < bodies.length;
      if (first && before) while (before.nextElementSibling) bodies[bodies.length - 1].appendChild(before.nextElementSibling);
      var there = before && !first ? before.nextElementSibling : group.firstElementChild;
      if (there !== entry.row) { group.insertBefore(entry.row, there); changes++; }
      if (entry.hidden === entry.wanted) {
        entry.hidden = !entry.wanted;
        entry.row.hidden = !entry.wanted;
        rowsShown += entry.wanted ? 1 : -1;
        if (entry.wanted) changes++;
      }
      if (entry.wanted) shownRows++;
      // A row of the first screenful that moved or came back is drawn at once; one that stayed
      // where it was is drawn already.
      if (drawn && entry.wanted && (changes > changesBefore || entry.drawn)) {
        if (!entry.drawn) entry.row.classList.add("first-screen");
        entry.drawn = true;
        drawn.push(entry);
      }
      before = entry.row;
      written++;
    }
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
    var first = screenful();
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    index();
    order = columnOrder(column, ascending);
    rewrite(first);
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
