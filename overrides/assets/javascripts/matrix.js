// The matrix's reasons and scroll cues (macros/site/templates/matrix.html.j2; styles in kb.css).
// A mark's reason opens on hover, keyboard focus and a first tap, placed over the page where it
// fits in the window, whatever the mark's place in the scrolled table; a second tap, a click or
// Enter follows the mark's link to the reason on the characteristic's page. The figure's
// data-more says on which sides the table has more to scroll to.
(function () {
  var GAP = 6; // px between a mark and its reason, and between a reason and the window's edge

  document.querySelectorAll(".kb-matrix-figure").forEach(function (figure) {
    var box = figure.querySelector(".kb-matrix-scroll");
    var open = null;
    var lastPointer = "mouse";
    figure.setAttribute("data-js", "");

    // Where the reason goes: below its mark, or above when it does not fit below, else beside it;
    // never over its row's heading (left of the mark) nor its column's (above): it is narrowed to
    // the room right of the row heading, and goes above only where it stays clear of the column heading.
    function place(mark) {
      var tip = mark.querySelector(".kb-tip");
      var at = mark.getBoundingClientRect();
      var heads = headings(mark);
      var rowRight = heads[0] ? heads[0].getBoundingClientRect().right : 0;
      var columnBottom = heads[1] ? heads[1].getBoundingClientRect().bottom : 0;
      var room = window.innerWidth - rowRight - 2 * GAP;
      mark.style.setProperty("--kb-tip-width", Math.max(120, Math.min(room, 320)) + "px");
      var width = tip.offsetWidth;
      var height = tip.offsetHeight;
      var leftmost = Math.max(GAP, rowRight + GAP);
      var left = Math.max(leftmost, Math.min(at.left + at.width / 2 - width / 2, window.innerWidth - width - GAP));
      var top = at.bottom + GAP;
      var above = at.top - GAP - height;
      var bottom = window.innerHeight - GAP;
      if (top + height > bottom && above >= Math.max(GAP, columnBottom + GAP)) {
        top = above;
      } else if (top + height > bottom) {
        // Neither below nor above: beside the mark, below the column heading where it fits.
        top = Math.max(GAP, Math.min(Math.max(columnBottom + GAP, at.top + at.height / 2 - height / 2), bottom - height));
        left = at.right + GAP + width <= window.innerWidth - GAP ? at.right + GAP : Math.max(leftmost, at.left - GAP - width);
      }
      mark.style.setProperty("--kb-tip-left", left + "px");
      mark.style.setProperty("--kb-tip-top", top + "px");
    }

    // The row and column headings of a mark's cell, lit up while its reason is open.
    function headings(mark) {
      var cell = mark.closest("td");
      var row = cell.parentElement;
      var column = figure.querySelector("thead tr").children[Array.prototype.indexOf.call(row.children, cell)];
      return [row.querySelector("th"), column];
    }

    function show(mark) {
      if (open && open !== mark) hide();
      open = mark;
      mark.setAttribute("data-open", "");
      headings(mark).forEach(function (th) { if (th) th.setAttribute("data-active", ""); });
      place(mark);
    }

    function hide() {
      if (!open) return;
      open.removeAttribute("data-open");
      headings(open).forEach(function (th) { if (th) th.removeAttribute("data-active"); });
      open = null;
    }

    figure.querySelectorAll("a.kb-mark").forEach(function (mark) {
      mark.addEventListener("pointerenter", function (event) { if (event.pointerType === "mouse") show(mark); });
      mark.addEventListener("pointerleave", function (event) {
        if (event.pointerType === "mouse" && document.activeElement !== mark) hide();
      });
      mark.addEventListener("focus", function () { show(mark); });
      mark.addEventListener("blur", function () { if (open === mark) hide(); });
      // A first tap shows the reason; the link is followed on the second. (The tap focuses the
      // mark, which opens it, before the click: what counts is whether it was open before.)
      var openBeforeTap = false;
      mark.addEventListener("pointerdown", function () { openBeforeTap = open === mark; });
      mark.addEventListener("click", function (event) {
        if (lastPointer !== "mouse" && !openBeforeTap) {
          event.preventDefault();
          show(mark);
        }
      });
    });

    document.addEventListener("pointerdown", function (event) {
      lastPointer = event.pointerType || "mouse";
      if (open && !open.contains(event.target)) hide();
    }, true);
    document.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });
    // The reason stays by its mark while the page or the table scrolls.
    window.addEventListener("scroll", function () { if (open) place(open); }, { passive: true });
    window.addEventListener("resize", function () { if (open) place(open); cue(); });

    // The row and column under the pointer or focus, from any cell, heading or tick box, as a
    // Navigator layer lights them: every cell of the row (not the headings' row) and of the column
    // (not the row headings' column) gets data-cross. Focus wins back when the pointer leaves.
    var table = figure.querySelector(".kb-matrix");
    var crossed = [];
    function cross(cell) {
      crossed.forEach(function (other) { other.removeAttribute("data-cross"); });
      crossed = [];
      if (!cell || !table.contains(cell)) return;
      var row = cell.parentElement;
      var column = cell.cellIndex;
      if (row.parentElement !== table.tHead) crossed = crossed.concat(Array.prototype.slice.call(row.cells));
      if (column > 0) {
        Array.prototype.forEach.call(table.rows, function (each) {
          if (each.cells[column] && crossed.indexOf(each.cells[column]) < 0) crossed.push(each.cells[column]);
        });
      }
      crossed.forEach(function (other) { other.setAttribute("data-cross", ""); });
    }
    function focusedCell() {
      return table.contains(document.activeElement) ? document.activeElement.closest("th, td") : null;
    }
    table.addEventListener("pointerover", function (event) { cross(event.target.closest("th, td")); });
    table.addEventListener("pointerleave", function () { cross(focusedCell()); });
    table.addEventListener("focusin", function (event) { cross(event.target.closest("th, td")); });
    table.addEventListener("focusout", function (event) {
      if (!table.contains(event.relatedTarget)) cross(null);
    });

    function cue() {
      var more = [];
      if (box.scrollLeft > 1) more.push("left");
      if (box.scrollLeft + box.clientWidth < box.scrollWidth - 1) more.push("right");
      figure.setAttribute("data-more", more.join(" "));
    }
    box.addEventListener("scroll", function () { cue(); if (open) place(open); }, { passive: true });
    cue();
  });
})();
