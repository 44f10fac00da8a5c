/* The systems list and the portfolio: filter the rows of a table of systems by owner and status,
   and sort the portfolio's rows by system, owner or number of gaps. The filters and the sort live
   in the address (#owner=...&status=...&sort=gaps), so a link brings the same view back and the
   language switch keeps it. The form ships hidden: without JavaScript every row shows. Data text
   is only compared and set as text, never parsed as HTML. */
(function () {
  "use strict";

  var SORTS = ["name", "owner", "gaps"];

  function readAddress() {
    var params = new URLSearchParams(location.hash.slice(1));
    return { owner: params.get("owner") || "", status: params.get("status") || "", sort: params.get("sort") || "" };
  }

  function writeAddress(view) {
    var params = new URLSearchParams();
    if (view.owner) params.set("owner", view.owner);
    if (view.status) params.set("status", view.status);
    if (view.sort && view.sort !== "name") params.set("sort", view.sort);
    var hash = params.toString();
    history.replaceState(history.state, "", location.pathname + location.search + (hash ? "#" + hash : ""));
  }

  function collator() {
    return new Intl.Collator(document.documentElement.lang || undefined, { sensitivity: "base", numeric: true });
  }

  function setUp() {
    document.querySelectorAll("[data-kb-system-filters]").forEach(function (form) {
      if (form.dataset.ready) return;
      form.dataset.ready = "true";
      var table = document.querySelector('[data-kb-rows="' + form.getAttribute("data-kb-system-filters") + '"]');
      if (!table) return;
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var compare = collator().compare;
      var view = readAddress();
      // A value the address names that no option has (a mistyped link) shows every row.
      ["owner", "status"].forEach(function (name) {
        var select = form.elements[name];
        var known = Array.prototype.some.call(select.options, function (option) { return option.value === view[name]; });
        select.value = known ? view[name] : "";
        view[name] = select.value;
      });
      if (SORTS.indexOf(view.sort) === -1) view.sort = "name";

      function sortKey(row, by) {
        return by === "gaps" ? Number(row.dataset.gaps) : row.dataset[by] || "";
      }

      function sortRows() {
        var by = view.sort;
        var sorted = rows.slice().sort(function (a, b) {
          // Most gaps first; names and owners in the edition's own order; ties by name.
          var first = by === "gaps" ? sortKey(b, by) - sortKey(a, by) : compare(sortKey(a, by), sortKey(b, by));
          return first || compare(a.dataset.name || "", b.dataset.name || "");
        });
        var fragment = document.createDocumentFragment();
        sorted.forEach(function (row) { fragment.appendChild(row); });
        body.appendChild(fragment);
        markSort();
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
        writeAddress(view);
      });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-sort]");
        if (!button) return;
        view.sort = button.getAttribute("data-sort");
        sortRows();
        writeAddress(view);
      });
      if (view.sort !== "name") sortRows();
      else markSort();
      filterRows();
      table.setAttribute("data-ready", "");
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else {
    document.addEventListener("DOMContentLoaded", setUp);
  }
})();
