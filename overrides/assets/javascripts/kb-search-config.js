/*
 * Search runs in the site's worker (workers/kb-search.js), which reads the index in fragments and
 * ranks as readers expect: named in Material's configuration, which its page script reads after
 * this script (overrides/main.html loads it right after the configuration). Material's own worker
 * is named beside it, for the reference of tests/browser/test_search_lazy.py to load.
 */
"use strict";

(function (element) {
  var config = JSON.parse(element.textContent);
  var material = config.search.split("/").pop();
  config.search = config.search.replace(/[^/]*$/, "kb-search.js?material=" + encodeURIComponent(material));
  // 404.html sets a <base> at the site's root and makes its addresses relative to it; Material
  // resolves config.base against the page's own address, so it gets the root in full.
  if (document.querySelector("head > base")) config.base = document.baseURI;
  element.textContent = JSON.stringify(config);
})(document.getElementById("__config"));
