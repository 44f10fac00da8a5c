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

    function place(mark) {
      var tip = mark.querySelector(".kb-tip");
      var at = mark.getBoundingClientRect();
      var width = tip.offsetWidth;
      var height = tip.offsetHeight;
      var left = Math.min(Math.max(GAP, at.left + at.width / 2 - width / 2), window.innerWidth - width - GAP);
      var top = at.bottom + GAP;
      if (top + height > window.innerHeight - GAP && at.top - GAP - height >= GAP) top = at.top - GAP - height;
      mark.style.setProperty("--kb-tip-left", Math.max(GAP, left) + "px");
      mark.style.setProperty("--kb-tip-top", Math.max(GAP, top) + "px");
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
