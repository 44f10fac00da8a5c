// The language switch keeps the reader's place (overrides/partials/alternate.html links to the same
// page in the other edition). This adds the part of the address after "#": a profiler selection
// (#frequent-retraining+batch-serving) and ids the editions share (#why-model-registry) as they
// are; a heading's anchor, which is made from the heading's words in each language, becomes the
// anchor of the heading at the same place on the other edition's page.
(function () {
  var HEADINGS = "article :is(h1, h2, h3, h4, h5, h6)[id]";

  function headingOf(hash) {
    var id;
    try {
      id = decodeURIComponent(hash.slice(1));
    } catch {
      return null;
    }
    var target = document.getElementById(id);
    return target && target.matches(HEADINGS) ? target : null;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link || !location.hash || event.defaultPrevented) return;
    var page = link.href.split("#")[0];
    var heading = headingOf(location.hash);
    if (!heading) {
      link.href = page + location.hash;
      return;
    }
    event.preventDefault();
    var place = Array.prototype.indexOf.call(document.querySelectorAll(HEADINGS), heading);
    fetch(page).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.text();
    }).then(function (html) {
      var other = new DOMParser().parseFromString(html, "text/html").querySelectorAll(HEADINGS)[place];
      location.href = page + (other ? "#" + encodeURIComponent(other.id) : "");
    }).catch(function () {
      location.href = page;
    });
  });
})();
