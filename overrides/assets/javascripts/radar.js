// The adoption radar (macros/site/templates/radar.html.j2): a dot's name shows beside it on hover
// and keyboard focus, and the dot and its entry in the lists light up together, whichever of the two
// the pointer or focus is on. Each already links to the other; this only shows the pairing.
(function () {
  "use strict";

  document.querySelectorAll("[data-kb-radar]").forEach(function (layout) {
    var tip = layout.querySelector(".kb-radar__tip");
    var GAP = 8; // px between a dot and its name

    function partner(node) {
      var id = node.classList.contains("kb-radar__blip")
        ? node.getAttribute("href").slice(1)
        : node.querySelector(".kb-radar-legend__blip").getAttribute("href").slice(1);
      return document.getElementById(id);
    }

    function blipOf(node) {
      return node.classList.contains("kb-radar__blip") ? node : partner(node);
    }

    function show(node) {
      var blip = blipOf(node);
      var entry = blip && partner(blip);
      if (!blip || !entry) return;
      blip.setAttribute("data-active", "");
      entry.setAttribute("data-active", "");
      // The name beside the dot, inside the layout and clear of the dot.
      tip.textContent = blip.getAttribute("aria-label");
      tip.hidden = false;
      var box = layout.getBoundingClientRect();
      var dot = blip.querySelector("circle").getBoundingClientRect();
      var left = Math.min(dot.right + GAP - box.left, box.width - tip.offsetWidth);
      if (left < dot.right - box.left) left = Math.max(0, dot.left - GAP - tip.offsetWidth - box.left);
      tip.style.left = left + "px";
      tip.style.top = (dot.top - box.top + dot.height / 2 - tip.offsetHeight / 2) + "px";
    }

    function hide(node) {
      var blip = blipOf(node);
      var entry = blip && partner(blip);
      if (blip) blip.removeAttribute("data-active");
      if (entry) entry.removeAttribute("data-active");
      tip.hidden = true;
    }

    var nodes = Array.prototype.slice.call(layout.querySelectorAll(".kb-radar__blip, .kb-radar-legend li"));
    nodes.forEach(function (node) {
      node.addEventListener("pointerenter", function () { show(node); });
      node.addEventListener("pointerleave", function () { hide(node); });
      node.addEventListener("focusin", function () { show(node); });
      node.addEventListener("focusout", function () { hide(node); });
    });
  });
})();
