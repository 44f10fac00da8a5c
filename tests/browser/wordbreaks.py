"""Where Chromium breaks Japanese text inside a word, by its own Japanese word segmenter (Intl.Segmenter)."""

# Each element matching the selector whose lines break inside a word, as [its text, the text before the
# break, the text after]. An element is several text nodes where the page marks break opportunities (<wbr>).
BREAKS_INSIDE_WORDS = """selector => [...document.querySelectorAll(selector)].flatMap(element => {
    const text = element.textContent, range = document.createRange();
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const starts = new Set([...new Intl.Segmenter('ja', {granularity: 'word'}).segment(text)].map(s => s.index));
    const tops = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < node.length; i++) {
            range.setStart(node, i); range.setEnd(node, i + 1); tops.push(range.getBoundingClientRect().top);
        }
    }
    return tops.flatMap((top, i) => i > 0 && top > tops[i - 1] + 1 && !starts.has(i) ? [[text, text.slice(0, i), text.slice(i)]] : []);
})"""
