// The 404 page's suggestions for a near miss (/capabilities/model-monitorng/): the pages whose
// address, name or alias is a few letters away from the missing address's last part, from the
// edition's names.json (macros/site/not_found.py), which only this page fetches.
(function () {
  var section = document.querySelector(".kb-not-found-suggestions");
  if (!section || !window.fetch) return;
  var MAX_SHOWN = 3;
  var MAX_DISTANCE = 0.34; // edits per character of the longer text: about one typo in three letters
  var NEAR_AS_NEAREST = 0.15; // how much farther than the nearest page a suggestion may be
  var LONGEST = 120; // an address is input: a long one is cut before it is compared

  // A text as compared: compatibility forms folded (全角 letters), lower case, words joined by "-".
  function key(text) {
    return text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "");
  }

  // Edits (insert, delete, replace) from one text to the other, by code points.
  function distance(a, b) {
    a = Array.from(a);
    b = Array.from(b);
    var row = b.map(function (_, j) { return j + 1; });
    row.unshift(0);
    for (var i = 1; i <= a.length; i++) {
      var diagonal = row[0];
      row[0] = i;
      for (var j = 1; j <= b.length; j++) {
        var above = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length];
  }

  function closeness(wanted, candidate) {
    if (!candidate) return Infinity;
    return distance(wanted, candidate) / Math.max(Array.from(wanted).length, Array.from(candidate).length);
  }

  var root = new URL(document.baseURI);
  var parts;
  try {
    parts = decodeURIComponent(location.pathname.slice(root.pathname.length)).split("/").filter(Boolean);
  } catch {
    return; // an address that is not UTF-8: nothing to compare
  }
  if (!parts.length) return;
  var wanted = key(parts[parts.length - 1].replace(/\.html?$/i, "").slice(0, LONGEST));
  var folder = parts.length > 1 ? key(parts[0]) : "";
  if (!wanted) return;

  fetch(new URL(section.dataset.names, root)).then(function (response) {
    if (!response.ok) throw new Error(response.status);
    return response.json();
  }).then(function (rows) {
    var found = rows.map(function (row) {
      var address = row[0].split("/").filter(Boolean);
      var names = [address[address.length - 1] || ""].concat(row.slice(1));
      var best = Math.min.apply(null, names.map(function (name) { return closeness(wanted, key(name)); }));
      // Between pages as near, the one in the folder the address names comes first.
      if (folder && address.length > 1 && key(address[0]) === folder) best -= 0.01;
      return { url: row[0], name: row[1], score: best };
    }).filter(function (page) {
      return page.score <= MAX_DISTANCE;
    }).sort(function (a, b) {
      return a.score - b.score;
    });
    // Only pages about as near as the nearest: a clear typo of one name does not suggest its neighbours.
    found = found.filter(function (page) {
      return page.score <= found[0].score + NEAR_AS_NEAREST;
    }).slice(0, MAX_SHOWN);
    if (!found.length) return;
    var list = section.querySelector("ul");
    found.forEach(function (page) {
      var link = document.createElement("a");
      link.href = new URL(page.url, root).href;
      link.textContent = page.name;
      var item = document.createElement("li");
      item.appendChild(link);
      list.appendChild(item);
    });
    section.hidden = false;
  }).catch(function () {
    // No names (offline copy, old site): the search box and the links below still lead on.
  });
})();
