/* The systems list and the portfolio: filter the rows of a table of systems by owner and status,
   and sort the portfolio's rows by system, owner or number of gaps. The view lives in the address
   (#owner=...&status=...&sort=gaps&page=2&columns=3), so a link brings the same view back and the
   language switch keeps it. The form ships hidden: without JavaScript the table shows as built.

   The systems list filters the rows it holds. The portfolio's heatmap holds every row and column
   as data (its JSON block) and shows one page of rows at a time: its rows are sorted and filtered
   as data, each order worked out once, and only the page shown is built, so a thousand systems
   cost what a hundred do. Data text is only compared and set as text, never parsed as HTML. */
(function () {
  "use strict";

  var SORTS = ["name", "owner", "gaps"];

  function readAddress() {
    var params = new URLSearchParams(location.hash.slice(1));
    return {
      owner: params.get("owner") || "",
      status: params.get("status") || "",
      sort: params.get("sort") || "",
      page: Math.max(1, Math.floor(Number(params.get("page"))) || 1),
      columns: params.get("columns") || "",
    };
  }

  function writeAddress(view) {
    var params = new URLSearchParams();
    if (view.owner) params.set("owner", view.owner);
    if (view.status) params.set("status", view.status);
    if (view.sort && view.sort !== "name") params.set("sort", view.sort);
    if (view.page > 1) params.set("page", String(view.page));
    if (view.columns) params.set("columns", view.columns);
    var hash = params.toString();
    history.replaceState(history.state, "", location.pathname + location.search + (hash ? "#" + hash : ""));
  }

  function collator() {
    return new Intl.Collator(document.documentElement.lang || undefined, { sensitivity: "base", numeric: true });
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function link(href, text) {
    var a = element("a", "", text);
    a.setAttribute("href", href);
    return a;
  }

  // A value the address names that no option has (a mistyped link) shows every row.
  function knownValue(select, value) {
    if (!select) return "";
    var known = Array.prototype.some.call(select.options, function (option) { return option.value === value; });
    select.value = known ? value : "";
    return select.value;
  }

  // The heatmap's rows as data: the order of each sort, the filters, the page and the columns shown.
  function HeatmapRows(table, data) {
    var compare = collator().compare;
    var rows = data.rows.map(function (row, place) {
      return { place: place, name: row[0], href: row[1], owner: row[2], status: row[3], gaps: row[4], sample: row[5], retired: row[6], states: row[7] };
    });
    var orders = {};
    this.rows = rows;
    this.pageRows = Number(table.getAttribute("data-page-rows")) || rows.length;
    // Each order is worked out once, on keys read once: a sort is then a lookup.
    this.order = function (by) {
      if (!orders[by]) {
        var byName = rows.slice().sort(function (a, b) { return compare(a.name, b.name) || a.place - b.place; });
        byName.forEach(function (row, rank) { row.nameRank = rank; });
        orders.name = byName;
        // Most gaps first; owners in the edition's own order; ties by name.
        orders.gaps = byName.slice().sort(function (a, b) { return b.gaps - a.gaps || a.nameRank - b.nameRank; });
        orders.owner = byName.slice().sort(function (a, b) { return compare(a.owner, b.owner) || a.nameRank - b.nameRank; });
      }
      return orders[by];
    };
  }

  function setUpHeatmap(form, table, data) {
    var model = new HeatmapRows(table, data);
    var body = table.tBodies[0];
    var headRow = table.tHead.rows[0];
    var countsRow = table.tHead.rows[1];
    var marks = document.querySelector(".kb-heatmap-marks");
    var pager = document.querySelector(".kb-heatmap-pager");
    var view = readAddress();
    var select = form.elements.columns;
    ["owner", "status"].forEach(function (name) { view[name] = knownValue(form.elements[name], view[name]); });
    view.columns = knownValue(select, view.columns);
    if (SORTS.indexOf(view.sort) === -1) view.sort = "name";
    var columns = data.shown;
    var shownView = null;  // what the table shows now: the HTML's first page until a change

    function columnsOf(choice) {
      if (!choice) return data.shown;
      var width = data.shown.length;
      var start = (Number(choice) - 1) * width;
      var places = [];
      for (var place = start; place < Math.min(start + width, data.columns.length); place++) places.push(place);
      return places;
    }

    function renderHead() {
      while (headRow.cells.length > 3) headRow.deleteCell(3);
      while (countsRow.cells.length > 3) countsRow.deleteCell(3);
      columns.forEach(function (place) {
        var column = data.columns[place];
        var th = element("th", "kb-heatmap__cap");
        th.setAttribute("scope", "col");
        th.appendChild(link(column[2], column[1]));
        headRow.appendChild(th);
        var td = element("td");
        td.appendChild(element("span", "kb-need", String(column[3])));
        td.appendChild(document.createTextNode("/"));
        td.appendChild(element("span", "kb-lack", String(column[4])));
        countsRow.appendChild(td);
      });
    }

    function renderRow(row) {
      var tr = element("tr");
      tr.dataset.name = row.name;
      tr.dataset.owner = row.owner;
      tr.dataset.status = row.status;
      tr.dataset.gaps = String(row.gaps);
      var th = element("th");
      th.setAttribute("scope", "row");
      th.appendChild(link(row.href, row.name));
      // The example and retired marks, as the HTML's rows write them: after a space.
      [row.sample, row.retired].forEach(function (marked, which) {
        if (!marked) return;
        th.appendChild(document.createTextNode(" "));
        th.appendChild(marks.content.children[which].cloneNode(true));
      });
      th.appendChild(element("span", "kb-heatmap__owner-line", row.owner));
      tr.appendChild(th);
      tr.appendChild(element("td", "", row.owner));
      tr.appendChild(element("td", "", String(row.gaps)));
      columns.forEach(function (place) {
        var state = Number(row.states.charAt(place));
        var mark = data.marks[state];
        tr.appendChild(mark ? element("td", "c" + state, mark) : element("td"));
      });
      return tr;
    }

    // The pressed button, and the column's aria-sort, say which order the rows are in.
    function markSort() {
      form.querySelectorAll("button[data-sort]").forEach(function (button) {
        button.setAttribute("aria-pressed", button.getAttribute("data-sort") === view.sort ? "true" : "false");
      });
      table.querySelectorAll("th[data-sort-column]").forEach(function (th) {
        if (th.getAttribute("data-sort-column") === view.sort) th.setAttribute("aria-sort", view.sort === "gaps" ? "descending" : "ascending");
        else th.removeAttribute("aria-sort");
      });
    }

    function show() {
      var matching = model.order(view.sort).filter(function (row) {
        return (!view.owner || row.owner === view.owner) && (!view.status || row.status === view.status);
      });
      var pages = Math.max(1, Math.ceil(matching.length / model.pageRows));
      view.page = Math.min(view.page, pages);
      var first = (view.page - 1) * model.pageRows;
      var page = matching.slice(first, first + model.pageRows);
      var key = [view.sort, view.owner, view.status, view.page, view.columns].join("\u0000");
      // The HTML holds the first page by name with the first columns: kept as it is when that is the view.
      if (shownView === null && key === ["name", "", "", 1, ""].join("\u0000")) shownView = key;
      if (key !== shownView) {
        var newColumns = columnsOf(view.columns);
        if (newColumns !== columns || shownView === null) {
          columns = newColumns;
          renderHead();
        }
        var fragment = document.createDocumentFragment();
        page.forEach(function (row) { fragment.appendChild(renderRow(row)); });
        body.replaceChildren(fragment);
        shownView = key;
      }
      markSort();
      form.querySelector(".kb-system-count").textContent = form.dataset.count
        .replace("{shown}", matching.length).replace("{total}", model.rows.length);
      if (pager) {
        pager.querySelector(".kb-heatmap-range").textContent = pager.dataset.range
          .replace("{first}", matching.length ? first + 1 : 0).replace("{last}", first + page.length).replace("{total}", matching.length);
        var previous = pager.querySelector('button[data-page="-1"]');
        var next = pager.querySelector('button[data-page="1"]');
        previous.hidden = false;
        next.hidden = false;
        previous.disabled = view.page <= 1;
        next.disabled = view.page >= pages;
      }
    }

    form.hidden = false;
    form.addEventListener("change", function (event) {
      view.owner = form.elements.owner.value;
      view.status = form.elements.status.value;
      if (select) view.columns = select.value;
      // Other rows start again at the first page; other columns keep the rows shown.
      if (event.target !== select) view.page = 1;
      show();
      writeAddress(view);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-sort]");
      if (!button) return;
      view.sort = button.getAttribute("data-sort");
      view.page = 1;
      show();
      writeAddress(view);
    });
    if (pager) {
      pager.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-page]");
        if (!button || button.disabled) return;
        view.page += Number(button.getAttribute("data-page"));
        show();
        writeAddress(view);
      });
    }
    show();
    table.setAttribute("data-ready", "");
  }

  // The systems list: every row is in the table; the filters hide the others.
  function setUpList(form, table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var view = readAddress();
    ["owner", "status"].forEach(function (name) { view[name] = knownValue(form.elements[name], view[name]); });

    function filterRows() {
      var shown = 0;
      rows.forEach(function (row) {
        var show = (!view.owner || row.dataset.owner === view.owner) && (!view.status || row.dataset.status === view.status);
        // Only the rows that change are touched: a thousand rows restyled for nothing cost a frame.
        if (row.hidden === show) row.hidden = !show;
        shown += show ? 1 : 0;
      });
      form.querySelector(".kb-system-count").textContent = form.dataset.count
        .replace("{shown}", shown).replace("{total}", rows.length);
    }

    form.hidden = false;
    form.addEventListener("change", function () {
      view.owner = form.elements.owner.value;
      view.status = form.elements.status.value;
      filterRows();
      writeAddress({ owner: view.owner, status: view.status, sort: "", page: 1, columns: "" });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    filterRows();
    table.setAttribute("data-ready", "");
  }

  function setUp() {
    document.querySelectorAll("[data-kb-system-filters]").forEach(function (form) {
      if (form.dataset.ready) return;
      form.dataset.ready = "true";
      var table = document.querySelector('[data-kb-rows="' + form.getAttribute("data-kb-system-filters") + '"]');
      if (!table) return;
      var data = document.querySelector(".kb-heatmap-data");
      if (data && table.classList.contains("kb-heatmap")) setUpHeatmap(form, table, JSON.parse(data.textContent));
      else setUpList(form, table);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else {
    document.addEventListener("DOMContentLoaded", setUp);
  }
})();
