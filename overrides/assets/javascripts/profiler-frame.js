// With JavaScript the profiler takes the note's place at once, before the page is first painted:
// the profiler's page loads this file right after the profiler's frame (macros/site/templates/profiler.html.j2).
document.querySelector("[data-kb-profiler]").hidden = false;
document.querySelector(".kb-profiler-fallback").hidden = true;
