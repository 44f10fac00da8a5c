/* Japanese queries that mix kanji with kana, as people type them (「説明可能なAI」, 「特徴量ストア」).
 *
 * Material's search worker cuts every run of kanji in a query at the longest word its index
 * holds and drops the run's last character, so 「説明可能なAI」 becomes 「説明なAI」 and finds
 * nothing once 「説明」 is a word somewhere on the site. Joining the kanji with lunr wildcards
 * (説*明*可*能なAI) leaves no run to cut, and still matches the indexed word 「説明可能なai」,
 * since a wildcard may match nothing. Only the query sent to the worker changes; the search box
 * shows what the reader typed, and the worker gets that too (kbTyped), to rank by it and to keep
 * the wildcards out of what results show. Queries are the worker's only messages whose data is
 * text. */
(function () {
  var kanjiPair = /([\u3400-\u9fff\uf900-\ufaff々])(?=[\u3400-\u9fff\uf900-\ufaff々])/g
  var post = Worker.prototype.postMessage
  Worker.prototype.postMessage = function (message) {
    if (message && typeof message.data === "string") {
      var rest = Array.prototype.slice.call(arguments, 1)
      var query = { type: message.type, data: message.data.replace(kanjiPair, "$1*"), kbTyped: message.data }
      return post.apply(this, [query].concat(rest))
    }
    return post.apply(this, arguments)
  }
})()
