// The tools landscape's filters by kind and ring. The form ships hidden, so without JavaScript
// the landscape is a plain list of every tool under every capability.
(function () {
  "use strict";

  function setUp() {
    var form = document.querySelector("[data-kb-filters]");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "true";
    form.hidden = false;
    form.addEventListener("change", function () { apply(form); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply(form);
  }

  function apply(form) {
    var wanted = {};
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      wanted[box.name + ":" + box.value] = box.checked;
    });
    // Counted in tools, as the page's introduction counts them: a tool has a card under each
    // capability it provides.
    var shown = new Set();
    var total = new Set();
    document.querySelectorAll("[data-kb-cards]").forEach(function (list) {
      var visible = 0;
      list.querySelectorAll(".kb-card").forEach(function (card) {
        // Without a ring filter (no tool rated yet), the ring does not narrow the cards.
        var ringWanted = ("ring:" + card.dataset.ring) in wanted ? wanted["ring:" + card.dataset.ring] : !form.querySelector("input[name=ring]");
        var show = wanted["kind:" + card.dataset.kind] && ringWanted;
        card.hidden = !show;
        visible += show ? 1 : 0;
        total.add(card.dataset.tool);
        if (show) shown.add(card.dataset.tool);
      });
      var empty = list.nextElementSibling;
      if (empty && empty.hasAttribute("data-kb-empty")) empty.hidden = visible > 0;
    });
    form.querySelector(".kb-filter-count").textContent = form.dataset.count
      .replace("{shown}", shown.size).replace("{total}", total.size);
  }

  // Material's document$ fires on every page view, including instant navigation when enabled.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else {
    document.addEventListener("DOMContentLoaded", setUp);
  }
})();
