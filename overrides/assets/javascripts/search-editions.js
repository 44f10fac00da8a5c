// Japanese typed into the English edition finds little: its pages are in English. Below the search
// results, a line offers the same query in the edition whose writing the query is in (the language
// switch's link to this page there, with ?q=, which Material's search opens with).
(function () {
  // Each edition's writing, by its language code: a query holding one of these characters is in it.
  var WRITING = { ja: /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/ }; // kana, kanji
  var template = document.getElementById("kb-search-other-edition");
  var input = document.querySelector("input.md-search__input");
  var results = document.querySelector(".md-search-result");
  if (!template || !input || !results) return;
  var own = document.documentElement.lang;
  var hint = template.content.firstElementChild.cloneNode(true);
  hint.hidden = true;
  results.insertBefore(hint, results.querySelector(".md-search-result__list"));

  function editionOf(query) {
    var links = document.querySelectorAll("a.md-select__link[hreflang]");
    for (var i = 0; i < links.length; i++) {
      var lang = links[i].getAttribute("hreflang");
      if (lang !== own && WRITING[lang] && WRITING[lang].test(query)) return links[i];
    }
    return null;
  }

  function update() {
    var query = input.value.trim();
    var edition = query && editionOf(query);
    hint.hidden = !edition;
    if (!edition) return;
    var address = new URL(edition.href, location.href);
    address.hash = "";
    address.search = "?q=" + encodeURIComponent(query);
    var link = hint.querySelector("a");
    link.href = address.href;
    link.textContent = query;
    link.lang = edition.getAttribute("hreflang");
  }

  input.addEventListener("input", update);
  input.addEventListener("keyup", update);
  update();
})();
