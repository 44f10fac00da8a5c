/* The use-case profiler: the reader ticks characteristics, the page shows the capabilities they
   call for together, with every reason. Everything it shows comes from the site's api/v1/ files;
   the page holds only an empty frame (macros/site/templates/profiler.html.j2) and its UI text.
   What the build derives (the matrix's order, each capability's tools to use and how many to
   name) it reads from api/v1/plan.json (macros/site/plan.py), as the case-study checklists print it.
   The selection lives in the address (#frequent-retraining+batch-serving), so a link restores it.
   Data text is only ever set as text (textContent), never parsed as HTML. */
(function () {
  "use strict";

  var root = document.querySelector("[data-kb-profiler]");
  if (!root) return;

  var CASE_LIMIT = 5; // "Case studies like yours" stays short however many there are
  var text = JSON.parse(root.querySelector(".kb-profiler__text").textContent);
  // What a system file's values must be (macros/site/profiler_page.py: from the schemas and the text rules).
  var rules = JSON.parse(root.querySelector(".kb-profiler__rules").textContent);
  var lang = root.getAttribute("data-lang");
  var siteRoot = new URL(root.getAttribute("data-root"), location.href);
  var api = new URL(root.getAttribute("data-api"), location.href);
  var fallback = document.querySelector(".kb-profiler-fallback");

  // The boxes to tick: in the root (the profiler), or where data-choices says (the matrix's rows, in
  // its table and in its phone list alike).
  var choicesHost = root.hasAttribute("data-choices") ? document.querySelector(root.getAttribute("data-choices")) : root;

  var ui = {
    choices: choicesHost.matches(".kb-profiler__choices") ? choicesHost : choicesHost.querySelector(".kb-profiler__choices"),
    forLine: root.querySelector(".kb-profiler__for"),
    printLink: root.querySelector(".kb-profiler__print-link"),
    status: root.querySelector(".kb-profiler__status"),
    notice: root.querySelector(".kb-profiler__notice"),
    copyFallback: root.querySelector(".kb-profiler__copy-fallback"),
    needed: root.querySelector(".kb-profiler__needed"),
    undecided: root.querySelector(".kb-profiler__undecided"),
    others: root.querySelector(".kb-profiler__others"),
    cases: root.querySelector(".kb-profiler__cases"),
    had: root.querySelector(".kb-profiler__had"),
    save: root.querySelector(".kb-profiler__save"),
    planHeading: root.querySelector(".kb-profiler__plan h2"),
    showPlan: root.querySelector(".kb-profiler__show-plan")
  };

  var data = null; // {characteristics, capabilities, cases, tools}: Maps by id, in display order; and plan.json
  var selected = []; // ticked characteristic ids, in the order they were ticked
  var have = []; // capability ids marked "we already have this", in the order they were marked

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  // How an aside opens after a text, by the pages' rule (macros/kb/spacing.py): a space before "(" always in a
  // spaced language; in one written without spaces (aside_script is its script) only after a letter or digit of
  // another script. A bracketed aside at the end stands for the text before it: ML Metadata (MLMD) ends in Latin.
  var ownScript = text.aside_script ? new RegExp(text.aside_script, "u") : null;
  var openingOf = { ")": "(", "]": "[" };
  function lastLetter(before) {
    var chars = Array.from(String(before));
    var end = chars.length;
    while (end) {
      var char = chars[end - 1];
      if (/\s/u.test(char)) { end -= 1; continue; }
      if (!openingOf[char]) return char;
      var depth = 0, at = end - 1;
      for (var i = end - 1; i >= Math.max(0, end - 400); i--) {
        if (chars[i] === char) depth += 1;
        else if (chars[i] === openingOf[char] && !--depth) { at = i; break; }
      }
      end = at;
    }
    return "";
  }
  function asideOpen(before) {
    if (!ownScript) return " (";
    var last = lastLetter(before);
    return /[\p{L}\p{N}]/u.test(last) && !ownScript.test(last) ? " (" : "(";
  }

  // A sentence about a count, in the form its language writes that number in (macros/site/render.py's counted):
  // a plain string, or forms for zero, one, all of total, and other.
  function counted(forms, count, total) {
    var wanted = count === 0 ? "zero" : count === total ? "all" : count === 1 ? "one" : "other";
    var form = typeof forms === "string" ? forms : forms[wanted] || forms.other;
    return format(form, { count: count, total: total });
  }

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function link(entry, label) {
    var a = el("a", "", label);
    a.href = pageUrl(entry);
    return a;
  }

  function pageUrl(entry) {
    return new URL(entry.url, siteRoot).href;
  }

  function nameOf(entry) {
    return (entry.name || entry.title)[lang];
  }

  // Each place the source says it, the strength to use first: where it says it again more strongly
  // (`stronger`, e.g. the combined example), then the recommendation as written (Recommendation.statements).
  function statements(rec) {
    var own = { strength: rec.strength, level: rec.level, condition: rec.condition, why: rec.why, source: rec.source };
    return rec.stronger && rec.stronger.strength ? [rec.stronger, own] : [own];
  }

  // The level to use of a recommendation: the stronger statement's (Recommendation.level).
  function levelOf(rec) {
    return statements(rec)[0].level;
  }

  // Who says a statement (KnowledgeBase.said_by): the platform team, another registered source
  // (plan.json's other_sources), or the source; one from the characteristic's section is cited as it is.
  function saidBy(source, characteristic) {
    var cited = source === "section" ? characteristic.source : source;
    if (!cited || typeof cited !== "object") return { by: "source" };
    if (cited.by === "platform-team") return { by: "platform-team", provenance: cited };
    if (cited.ref && Object.prototype.hasOwnProperty.call(data.otherSources, cited.ref)) {
      return { by: "other-source", provenance: cited };
    }
    return { by: "source" };
  }

  // A day as the pages write it (render.format_date): "3 February 2026", "2026年2月3日".
  function formatDay(iso) {
    var parts = iso.split("-").map(Number);
    return format(text.date_day, { year: parts[0], month: parts[1], day: parts[2], month_name: text.month_names[parts[1] - 1] });
  }

  // How strongly it is said, in the words of who says it, and its mark where that is not the source.
  function strengthWords(strength, who) {
    if (who.by === "platform-team") return text["strength_" + strength + "_platform-team"] + text.said_by_marks[who.by];
    if (who.by === "other-source") {
      var title = data.otherSources[who.provenance.ref].title[lang];
      return format(text["strength_" + strength + "_other-source"], { source: title }) + text.said_by_marks[who.by];
    }
    return text["strength_" + strength];
  }

  // Each statement's level, how strongly it is said (needed, or only helps / can), by whom and why, as the pages
  // say it: the platform team's rationale and date, or the other source's section, after its reason.
  // A reason in parts: each statement's words and the platform team's record, if linked.
  function reasonParts(rec, characteristic) {
    return { statements: statements(rec).map(function (said) {
      var level = said.level === "core" ? text.level_core : text.level_situational + asideOpen(text.level_situational) + said.condition[lang] + ")";
      var who = saidBy(said.source, characteristic);
      var origin = said.source === "combined-example" ? asideOpen(strengthWords(said.strength, who)) + text.from_combined_example + ")" : "";
      var after = "";
      if (who.by === "platform-team") {
        after = text.sentence_separator + text.decision_rationale + asideOpen(text.decision_rationale) +
          format(text.decided_on, { date: formatDay(who.provenance.decided) }) + "): " + who.provenance.rationale[lang];
      } else if (who.by === "other-source") {
        after = asideOpen(said.why[lang]) + text.source_section + ": " + who.provenance.section[lang] + ")";
      }
      var record = who.by === "platform-team" ? who.provenance.link || null : null;
      return { words: level + text.list_separator + strengthWords(said.strength, who) + origin + ": " + said.why[lang] + after, record: record };
    }) };
  }

  // A reason as text (the Markdown and plain-text copies).
  function reasonText(rec, characteristic) {
    var parts = reasonParts(rec, characteristic);
    return parts.statements.map(function (said) { return said.words; })
      .join(text.statement_separator);
  }

  // A reason as the page shows it: each statement followed by the link to its decision's record, as a
  // case study's checklist writes it.
  function reasonNodes(rec, characteristic) {
    var parts = reasonParts(rec, characteristic);
    var nodes = [];
    parts.statements.forEach(function (said, i) {
      if (i) nodes.push(text.statement_separator);
      nodes.push(said.words);
      if (!said.record) return;
      var record = el("a", "kb-decision__link", text.decision_record);
      record.href = said.record;
      nodes.push(asideOpen(said.words), record, ")");
    });
    return nodes;
  }

  // How strongly a capability of the plan is called for, in the words of who says it so: the source where it
  // does, else the platform team, else another source (KnowledgeBase.strength_statement).
  function itemStrengthWords(item) {
    var order = ["source", "platform-team", "other-source"];
    var who = item.reasons.filter(function (reason) { return strengthOf(reason.rec) === item.strength; })
      .map(function (reason) { return saidBy(statements(reason.rec)[0].source, reason.characteristic); })
      .sort(function (a, b) { return order.indexOf(a.by) - order.indexOf(b.by); })[0];
    return strengthWords(item.strength, who);
  }

  // Who says each statement of a reason that is not the source's, and the platform team's records.
  function saidByOthers(rec, characteristic) {
    return statements(rec).map(function (said) { return saidBy(said.source, characteristic); })
      .filter(function (who) { return who.by !== "source"; });
  }

  function byName(a, b) {
    return nameOf(a).localeCompare(nameOf(b), lang);
  }

  // Loading: the four files the plan needs, fetched relative to this page.

  function fetchJson(name) {
    return fetch(new URL(name + ".json", api)).then(function (response) {
      if (!response.ok) throw new Error(name + ".json: " + response.status + " " + response.statusText);
      return response.json();
    });
  }

  // Former id -> the id an entity has now (each entry lists its former_ids).
  function formerIds(entries) {
    var map = new Map();
    entries.forEach(function (entry) {
      (entry.former_ids || []).forEach(function (former) { map.set(former, entry.id); });
    });
    return map;
  }

  function indexById(entries) {
    var map = new Map();
    entries.slice().sort(byName).forEach(function (entry) { map.set(entry.id, entry); });
    return map;
  }

  // Entries in the order plan.json lists their ids (the matrix's order).
  function indexInOrder(entries, ids) {
    var byId = new Map(entries.map(function (entry) { return [entry.id, entry]; }));
    return new Map(ids.map(function (id) { return [id, byId.get(id)]; }));
  }

  // Where each id stands in a list: the rank plan.json gives it.
  function positions(ids) {
    return new Map(ids.map(function (id, i) { return [id, i]; }));
  }

  function load() {
    Promise.all(["characteristics", "capabilities", "case-studies", "tools", "plan"].map(fetchJson)).then(function (files) {
      var plan = files[4];
      data = {
        // Characteristics and capabilities in the matrix's order, the same in both editions.
        characteristics: indexInOrder(files[0].characteristics, plan.characteristics),
        capabilities: indexInOrder(files[1].capabilities, plan.capabilities),
        cases: indexById(files[2]["case-studies"]),
        tools: indexById(files[3].tools),
        renamed: formerIds(files[0].characteristics),
        renamedCapabilities: formerIds(files[1].capabilities),
        levelRank: positions(plan.levels),
        strengthRank: positions(plan.strengths),
        rankKeys: plan.rank,
        capabilityRank: positions(plan.capabilities),
        toolsToUse: plan.tools_to_use,
        otherSources: plan.other_sources
      };
      // Boxes ticked while the data was on its way count, unless the address names a selection.
      var ticked = Array.prototype.map.call(ui.choices.querySelectorAll("input:checked"), function (box) { return box.value; });
      var wanted = readHash();
      listenToChoices();
      applySelection(wanted.ids.length ? wanted.ids : ticked, wanted.have);
      if (!wanted.ids.length && ticked.length) writeHash();
      window.addEventListener("hashchange", function () {
        var now = readHash();
        applySelection(now.ids, now.have);
      });
      root.setAttribute("data-ready", "");
    }).catch(function (error) {
      root.hidden = true;
      if (!fallback) return;
      fallback.appendChild(el("p", "kb-profiler__error", format(text.load_failed, { error: error.message })));
      fallback.hidden = false;
    });
  }

  // The selection and the address.

  // The address: the ticked characteristics, then what the reader already has
  // (#frequent-retraining+batch-serving&have=model-registry); ids only, each once.
  function readHash() {
    var raw;
    try {
      raw = decodeURIComponent(location.hash.slice(1));
    } catch {
      raw = "";
    }
    // A heading's own anchor (its permalink) is a place on the page, not a selection.
    if (raw && document.getElementById(raw)) return { ids: selected, have: have };
    var parts = raw.split("&", 4);
    var had = parts.slice(1).filter(function (part) { return part.indexOf("have=") === 0; })
      .map(function (part) { return part.slice(5); }).join("+");
    return { ids: idList(parts[0], data.characteristics.size), have: idList(had, data.capabilities.size) };
  }

  // No list names more ids than there are entities of its kind: what follows is not read, so a
  // long address costs no more than a full selection.
  function idList(raw, most) {
    return unique(raw.split("+", most).filter(Boolean));
  }

  // The ids in their first order, each once (a Set: linear however many are repeated).
  function unique(ids) {
    return Array.from(new Set(ids));
  }

  function hashOf() {
    if (!selected.length) return "";
    return "#" + selected.join("+") + (have.length ? "&have=" + have.join("+") : "");
  }

  function writeHash() {
    var address = location.pathname + location.search + hashOf();
    // Replacing, not pushing: ticking boxes should not fill the Back button's history.
    history.replaceState(history.state, "", address);
  }

  function applySelection(ids, had) {
    // An address saved before a characteristic was renamed names its former id: read it as the id of today.
    var current = unique(ids.map(function (id) { return data.renamed.get(id) || id; }));
    var unknown = current.filter(function (id) { return !data.characteristics.has(id); });
    selected = current.filter(function (id) { return data.characteristics.has(id); });
    var ticked = new Set(selected);
    have = unique((had || []).map(function (id) { return data.renamedCapabilities.get(id) || id; }))
      .filter(function (id) { return data.capabilities.has(id); });
    ui.choices.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = ticked.has(box.value);
    });
    ui.notice.textContent = unknown.length ? format(text.unknown, { ids: unknown.join(", ") }) : "";
    // A link passed on from here holds only what was found, by the ids of today.
    if (unknown.length || current.join("+") !== ids.join("+") || have.join("+") !== (had || []).join("+")) writeHash();
    renderPlan();
  }

  function toggle(id, on) {
    selected = selected.filter(function (other) { return other !== id; });
    if (on) selected.push(id);
    writeHash();
    ui.notice.textContent = "";
    renderPlan();
  }

  // The plan: every capability the ticked characteristics call for, with each reason.

  function buildPlan() {
    var reasons = new Map();
    selected.forEach(function (charId) {
      var characteristic = data.characteristics.get(charId);
      characteristic.recommendations.forEach(function (rec) {
        if (!reasons.has(rec.capability)) reasons.set(rec.capability, []);
        reasons.get(rec.capability).push({ characteristic: characteristic, rec: rec });
      });
    });
    var items = [];
    var levelRank = function (level) { return data.levelRank.get(level); };
    var strengthRank = function (strength) { return data.strengthRank.get(strength); };
    reasons.forEach(function (list, capId) {
      list.sort(function (a, b) { return levelRank(levelOf(a.rec)) - levelRank(levelOf(b.rec)); });
      // The strongest wording among its reasons: needed when any one says it is needed.
      var strength = list.map(function (reason) { return strengthOf(reason.rec); })
        .sort(function (a, b) { return strengthRank(a) - strengthRank(b); })[0];
      items.push({ capability: data.capabilities.get(capId), reasons: list, level: levelOf(list[0].rec), strength: strength });
    });
    // Ranked key by key as plan.json lists them (PLAN_RANK_KEYS in macros/kb/model.py, which the
    // case-study checklists and the systems' gaps rank by): the source's strength first, then how
    // many of the ticked characteristics call for it, then core before situational, then the matrix's order.
    var keys = {
      strength: function (item) { return strengthRank(item.strength); },
      reasons: function (item) { return -item.reasons.length; },
      level: function (item) { return levelRank(item.level); },
      order: function (item) { return data.capabilityRank.get(item.capability.id); }
    };
    items.sort(function (a, b) {
      for (var i = 0; i < data.rankKeys.length; i++) {
        var key = keys[data.rankKeys[i]];
        var difference = key(a) - key(b);
        if (difference) return difference;
      }
      return 0;
    });
    return items;
  }

  // The strength to use of a recommendation: the stronger where the source says it twice (Recommendation.strength).
  function strengthOf(rec) {
    return statements(rec)[0].strength;
  }

  function chosenNames() {
    return selected.map(function (id) { return nameOf(data.characteristics.get(id)); });
  }

  // The boxes are in the page (one per characteristic, in the matrix's order).
  function listenToChoices() {
    ui.choices.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.addEventListener("change", function () {
        // A characteristic may have a box in each of the page's views (the matrix's table and list): they agree.
        ui.choices.querySelectorAll("input[type=checkbox]").forEach(function (other) {
          if (other.value === box.value) other.checked = box.checked;
        });
        toggle(box.value, box.checked);
      });
    });
  }

  // What a team should use for a capability, as plan.json says it: {ring, tools, shown}, ring null
  // when no tool is adopted or on trial, the tools in order, the first `shown` of them named.
  function toolsToUse(capability) {
    var choice = data.toolsToUse[capability.id];
    return { ring: choice.ring, tools: choice.tools.map(function (id) { return data.tools.get(id); }), shown: choice.shown };
  }

  function landscapeUrl(capability) {
    return new URL("tools/#" + capability.id, siteRoot).href;
  }

  function toolsLabel(choice) {
    return choice.ring === "adopt" ? text.tools_adopted : choice.ring === "trial" ? text.tools_none_adopted_trial : text.tools_none_adopted;
  }

  // The tools line as plain text, for the Markdown and CSV exports.
  function toolsText(capability) {
    var choice = toolsToUse(capability);
    if (!choice.ring) return toolsLabel(choice);
    return toolsLabel(choice) + ": " + choice.tools.map(function (tool) {
      var status = statusOf(tool);
      return status ? nameOf(tool) + asideOpen(nameOf(tool)) + status + ")" : nameOf(tool);
    }).join(text.list_separator);
  }

  // A deprecated, archived or renamed tool's status, in words ("" for a maintained one).
  function statusOf(tool) {
    return text["status_" + tool.status] || "";
  }

  // The tools line under a capability, or null when no tool is adopted or on trial for it: the plan
  // says that once for all such capabilities (renderUndecided), as the case-study checklists do.
  function renderTools(capability) {
    var choice = toolsToUse(capability);
    if (!choice.ring) return null;
    var line = el("p", "kb-profiler__tools");
    line.append(el("strong", "", text.tools + ":"), " " + toolsLabel(choice));
    line.append(": ");
    choice.tools.slice(0, choice.shown).forEach(function (tool, i) {
      if (i) line.append(text.list_separator);
      line.append(link(tool, nameOf(tool)));
      if (statusOf(tool)) line.append(" ", el("span", "kb-status kb-status--" + tool.status, statusOf(tool)));
    });
    if (choice.tools.length > choice.shown) {
      var more = el("a", "", format(text.shown_of, { shown: choice.shown, total: choice.tools.length }));
      more.href = landscapeUrl(capability);
      var last = choice.tools[choice.shown - 1];
      line.append(asideOpen(statusOf(last) || nameOf(last)), more, ")");
    }
    return line;
  }

  function renderPlanItem(item) {
    var li = el("li", "kb-profiler__item kb-profiler__item--" + item.level);
    li.setAttribute("data-strength", item.strength);
    var head = el("p", "kb-profiler__item-head");
    head.append(link(item.capability, nameOf(item.capability)), " ",
      el("span", "kb-level kb-level--" + item.level, item.level === "core" ? text.level_core : text.level_situational),
      " ", el("span", "kb-strength kb-strength--" + item.strength, itemStrengthWords(item)));
    if (selected.length > 1) {
      head.append(" ", el("span", "kb-profiler__count",
        counted(text.called_by, item.reasons.length, selected.length)));
    }
    var reasons = el("ul", "kb-profiler__reasons");
    item.reasons.forEach(function (reason) {
      var line = el("li");
      line.append(link(reason.characteristic, nameOf(reason.characteristic)), " — ");
      line.append.apply(line, reasonNodes(reason.rec, reason.characteristic));
      // Not the source's: the line says who (its mark's words), for the matrix's mark and the tests.
      var others = saidByOthers(reason.rec, reason.characteristic);
      if (others.length) line.setAttribute("data-said-by", others[0].by);
      reasons.appendChild(line);
    });
    var tools = renderTools(item.capability);
    if (tools) li.append(head, tools, reasons);
    else li.append(head, reasons);
    li.append(haveToggle(item.capability));
    return li;
  }

  // "We already have this": a capability marked so leaves the gap list for the list of what is in place.
  function haveToggle(capability) {
    var label = el("label", "kb-profiler__have");
    var box = el("input");
    box.type = "checkbox";
    box.value = capability.id;
    box.checked = have.indexOf(capability.id) !== -1;
    box.setAttribute("data-have", "");
    label.append(box, " " + text.have);
    return label;
  }

  function setHave(id, on) {
    have = have.filter(function (other) { return other !== id; });
    if (on) have.push(id);
    writeHash();
    renderPlan();
    // The box moved to the other list: keep the reader's focus on it.
    var moved = root.querySelector('input[data-have][value="' + CSS.escape(id) + '"]');
    if (moved) moved.focus();
  }

  function renderOthers(plan) {
    var called = new Set(plan.map(function (item) { return item.capability.id; }));
    var list = ui.others.querySelector("ul");
    list.replaceChildren();
    data.capabilities.forEach(function (capability) {
      if (called.has(capability.id)) return;
      var li = el("li");
      li.append(link(capability, nameOf(capability)), " — " + capability.summary[lang]);
      list.appendChild(li);
    });
    ui.others.querySelector("summary").textContent = format(text.others, { count: list.children.length });
    // Kept in the page when empty, so its open/closed state survives the next tick.
    ui.others.hidden = !selected.length || !list.children.length;
  }

  function renderCases() {
    var chosen = new Set(selected);
    var matches = [];
    data.cases.forEach(function (caseStudy) {
      var shared = caseStudy.characteristics.filter(function (id) { return chosen.has(id); });
      if (shared.length) matches.push({ caseStudy: caseStudy, shared: shared, extra: caseStudy.characteristics.length - shared.length });
    });
    // Most shared characteristics first; then the closest fit (fewest others); then by title.
    matches.sort(function (a, b) {
      return b.shared.length - a.shared.length || a.extra - b.extra || byName(a.caseStudy, b.caseStudy);
    });
    ui.cases.replaceChildren();
    matches.slice(0, CASE_LIMIT).forEach(function (match) {
      var li = el("li");
      var names = function (ids) { return ids.map(function (id) { return nameOf(data.characteristics.get(id)); }).join(text.list_separator); };
      li.append(link(match.caseStudy, nameOf(match.caseStudy)), " — " + match.caseStudy.summary[lang], el("br"),
        el("span", "kb-profiler__shares", format(text.cases_shares, { names: names(match.shared) })));
      var others = match.caseStudy.characteristics.filter(function (id) { return !chosen.has(id); });
      if (others.length) li.append(" · ", el("span", "kb-profiler__also", format(text.cases_also, { names: names(others) })));
      ui.cases.appendChild(li);
    });
    if (selected.length && !matches.length) ui.cases.appendChild(el("li", "", text.cases_none));
    root.classList.toggle("kb-profiler--no-cases", !selected.length);
  }

  function isHad(item) {
    return have.indexOf(item.capability.id) !== -1;
  }

  function renderPlan() {
    var plan = buildPlan();
    var gaps = plan.filter(function (item) { return !isHad(item); });
    var had = plan.filter(isHad);
    ui.needed.replaceChildren.apply(ui.needed, gaps.map(renderPlanItem));
    ui.had.querySelector("ul").replaceChildren.apply(ui.had.querySelector("ul"), had.map(renderPlanItem));
    ui.had.querySelector("h3").textContent = format(text.had_heading, { count: had.length });
    ui.had.hidden = !had.length;
    ui.forLine.textContent = selected.length ? format(text.plan_for, { names: chosenNames().join(text.list_separator) }) : text.empty;
    ui.status.textContent = !selected.length ? text.status_empty : had.length
      ? format(text.status_gaps, { count: gaps.length, total: plan.length })
      : format(text.status, { count: plan.length, total: data.capabilities.size });
    renderUndecided(plan);
    renderOthers(plan);
    renderCases();
    root.classList.toggle("kb-profiler--empty", !selected.length);
    root.querySelectorAll("[data-needs-plan]").forEach(function (button) { button.disabled = !selected.length; });
    ui.showPlan.textContent = format(text.show_plan, { count: plan.length });
    ui.printLink.textContent = text.plan_link + ": " + shareUrl();
    ui.copyFallback.hidden = true;
  }

  // One line for the capabilities of the plan with no tool adopted or on trial yet.
  function renderUndecided(plan) {
    var count = plan.filter(function (item) { return !toolsToUse(item.capability).ring; }).length;
    ui.undecided.hidden = !count;
    if (!count) return;
    var options = el("a", "", text.checklist_see_options);
    options.href = new URL("tools/", siteRoot).href;
    // "All" reads as all: not "6 of these" when 6 is every capability of the plan.
    var line = count === plan.length ? text.checklist_tools_not_rated_all : format(text.checklist_tools_not_rated, { count: count });
    ui.undecided.replaceChildren(line + text.sentence_separator,
      options, text.full_stop);
  }

  // Sharing and exporting: a link, a Markdown checklist, a CSV file.

  // The plan's address: this page and the ids ticked, nothing else of the address it was opened at
  // (whatever a shared link's query held is not passed on).
  function shareUrl() {
    var url = new URL(location.href);
    url.search = "";
    url.hash = selected.join("+");
    return url.href;
  }

  // Every ASCII punctuation character of a text is escaped, so none starts Markdown syntax (CommonMark
  // reads a backslash before any of them as the character itself); line breaks become spaces.
  function markdownText(value) {
    return String(value).replace(/\s+/g, " ").replace(/[!-/:-@[-`{-~]/g, "\\$&");
  }

  // An address as a Markdown link's destination: nothing in it can close the link or start another.
  function markdownUrl(value) {
    return String(value).replace(/[\s()<>[\]\\"'`]/g, function (char) {
      var code = char.charCodeAt(0);
      return code < 128 ? "%" + code.toString(16).toUpperCase().padStart(2, "0") : encodeURIComponent(char);
    });
  }

  function renderMarkdown(plan) {
    var lines = ["# " + markdownText(text.markdown_title), "",
      markdownText(format(text.plan_for, { names: chosenNames().join(text.list_separator) })), "",
      "[" + markdownText(text.plan_link) + "](" + markdownUrl(shareUrl()) + ")", ""];
    plan.forEach(function (item) {
      var level = markdownText(item.level === "core" ? text.level_core : text.level_situational);
      lines.push("- [" + (isHad(item) ? "x" : " ") + "] [" + markdownText(nameOf(item.capability)) + "](" + markdownUrl(pageUrl(item.capability)) + ") (" + level + ")");
      item.reasons.forEach(function (reason) {
        lines.push("    - " + markdownText(nameOf(reason.characteristic)) + " — " +
          markdownText(reasonText(reason.rec, reason.characteristic)));
      });
      lines.push("    - " + markdownText(text.tools) + ": " + markdownText(toolsText(item.capability)));
    });
    return lines.join("\n") + "\n";
  }

  // A cell a spreadsheet would read as a formula is prefixed with ' so it stays text.
  function csvCell(value) {
    var cell = String(value);
    if (/^[=+\-@\t\r]/.test(cell)) cell = "'" + cell;
    return /[",\r\n]/.test(cell) ? '"' + cell.replace(/"/g, '""') + '"' : cell;
  }

  function renderCsv(plan) {
    var rows = [text.csv_columns.split(",")];
    plan.forEach(function (item, i) {
      rows.push([
        i + 1,
        nameOf(item.capability),
        item.level === "core" ? text.level_core : text.level_situational,
        item.reasons.length,
        item.reasons.map(function (reason) {
          return nameOf(reason.characteristic) + " — " + reasonText(reason.rec, reason.characteristic);
        }).join("\n"),
        pageUrl(item.capability),
        toolsText(item.capability)
      ]);
    });
    // The byte-order mark makes spreadsheets read the file as UTF-8 (Japanese text included).
    return "\ufeff" + rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  function announce(message) {
    ui.notice.textContent = message;
  }

  function showForCopying(value) {
    ui.copyFallback.value = value;
    ui.copyFallback.hidden = false;
    ui.copyFallback.focus();
    ui.copyFallback.select();
    announce(text.copy_fallback);
  }

  function copy(value, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(value).then(function () {
        ui.copyFallback.hidden = true;
        announce(done);
      }, function () { showForCopying(value); });
    } else {
      showForCopying(value);
    }
  }

  function download(content, fileName, type, done) {
    var a = el("a");
    a.href = URL.createObjectURL(new Blob([content], { type: (type || "text/csv") + ";charset=utf-8" }));
    a.download = fileName;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    // Released later, not at once: some browsers read the blob after click() returns.
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
    announce(done || format(text.downloaded, { file: fileName }));
  }

  // Saving the plan as one of our systems: data/systems/<id>.yml, valid for `make check` as
  // written. Every text is cleaned by the data's own rules (rules, from the text rules and the
  // schemas) and written as a double-quoted YAML scalar with everything but printable characters
  // escaped, so no text the reader types can end the scalar or reach the YAML parser raw.

  var saveFields = root.querySelector(".kb-profiler__save-fields");

  function forbidden(codePoint) {
    return rules.forbidden.some(function (range) { return codePoint >= range[0] && codePoint <= range[1]; });
  }

  // A text as the data may hold it: well-formed, without the characters the text rules refuse,
  // one line for a name, at most `max` characters (as Python counts them: code points).
  function cleanText(value, max, oneLine) {
    var chars = Array.from(String(value).replace(/\r\n?/g, "\n")).filter(function (char) {
      var code = char.codePointAt(0);
      return !(code >= 0xd800 && code <= 0xdfff) && !forbidden(code);
    });
    var cleaned = chars.join("");
    if (oneLine) cleaned = cleaned.replace(/\s+/g, " ");
    return Array.from(cleaned.trim()).slice(0, max).join("").trim();
  }

  // A value for programs (the file's id, the contact) without the invisible format characters that come
  // with copied text, which `make check` refuses there (characters.FORMAT_CATEGORY: zero-width spaces ...).
  function withoutFormatCharacters(value) {
    return value.replace(new RegExp("\\p{" + rules.format_category + "}", "gu"), "");
  }

  // Something to see: not only spaces and invisible characters (textrules.shows_nothing).
  function showsSomething(value) {
    return /[^\s\p{Cf}\p{Cc}\p{Zs}\p{Zl}\p{Zp}]/u.test(value);
  }

  // YAML's printable characters (YAML 1.1, as the loader reads them), less those a double-quoted scalar must escape.
  function yamlString(value) {
    var out = "";
    Array.from(value).forEach(function (char) {
      var code = char.codePointAt(0);
      if (char === '"' || char === "\\") out += "\\" + char;
      else if (code === 0x0a) out += "\\n";
      else if (code === 0x09) out += "\\t";
      else if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) || code >= 0x10000) out += char;
      else if (code <= 0xff) out += "\\x" + code.toString(16).padStart(2, "0");
      else out += "\\u" + code.toString(16).padStart(4, "0");
    });
    return '"' + out + '"';
  }

  function fieldValue(name) {
    return saveFields.querySelector("[name=" + name + "]").value;
  }

  function localDate() {
    var now = new Date();
    var pad = function (n) { return String(n).padStart(2, "0"); };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  // The slug of a name, for the file name the reader has not typed: ASCII letters and digits only.
  function slugOf(name) {
    return name.normalize("NFKD").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, rules.id_max).replace(/-+$/, "");
  }

  // The reader's values, checked: {fields} or {problem, field}.
  function systemValues() {
    var placeholder = new RegExp(rules.placeholder);
    var label = function (name) { return saveFields.querySelector("label[for=kb-save-" + name + "]").textContent; };
    var values = {
      name: cleanText(fieldValue("name"), rules.short_max, true),
      owner: cleanText(fieldValue("owner"), rules.short_max, true),
      summary: cleanText(fieldValue("summary"), rules.text_max, false),
      contact: cleanText(withoutFormatCharacters(fieldValue("contact")), rules.contact_max, true),
      status: fieldValue("status")
    };
    values.id = cleanText(withoutFormatCharacters(fieldValue("id")), rules.id_max, true) || slugOf(values.name);
    var texts = ["name", "owner", "summary"];
    for (var i = 0; i < texts.length; i++) {
      var name = texts[i];
      if (!showsSomething(values[name])) return { problem: format(text.save_missing, { field: label(name) }), field: name };
      if (placeholder.test(values[name])) return { problem: format(text.save_placeholder, { field: label(name) }), field: name };
    }
    if (!new RegExp(rules.id).test(values.id) || placeholder.test(values.id)) return { problem: text.save_bad_id, field: "id" };
    if (values.contact && !new RegExp(rules.contact).test(values.contact)) return { problem: text.save_bad_contact, field: "contact" };
    return { fields: values };
  }

  // The file: the fields of macros/schemas/system.schema.json, in its order.
  function renderSystemFile(values) {
    var bilingual = function (key, value) {
      return [key + ":"].concat(rules.languages.map(function (code) { return "  " + code + ": " + yamlString(value); }));
    };
    var lines = ["# yaml-language-server: $schema=../../macros/schemas/" + rules.schema + ".schema.json"]
      .concat(bilingual("name", values.name), bilingual("summary", values.summary), bilingual("owner", values.owner));
    if (values.contact) lines.push("contact: " + yamlString(values.contact));
    lines.push("status: " + yamlString(values.status));
    lines.push("characteristics:");
    selected.forEach(function (id) { lines.push("  - " + yamlString(id)); });
    var inPlace = have.filter(function (id) { return data.capabilities.has(id); });
    lines.push("in_place:" + (inPlace.length ? "" : " []"));
    inPlace.forEach(function (id) { lines.push("  - capability: " + yamlString(id), "    state: in-place"); });
    lines.push("reviewed: " + yamlString(localDate()));
    return lines.join("\n") + "\n";
  }

  function saveNotice(message) {
    root.querySelector(".kb-profiler__save-notice").textContent = message;
  }

  // The file, or null once the reader has been told what to fix (and taken to the field).
  function systemFile() {
    saveFields.querySelectorAll("[aria-invalid]").forEach(function (field) { field.removeAttribute("aria-invalid"); });
    var result = systemValues();
    if (!result.fields) {
      var field = saveFields.querySelector("[name=" + result.field + "]");
      field.setAttribute("aria-invalid", "true");
      field.focus();
      saveNotice(result.problem);
      return null;
    }
    return { name: result.fields.id + ".yml", content: renderSystemFile(result.fields) };
  }

  function newFileUrl(file) {
    var params = new URLSearchParams({ filename: file.name, value: file.content });
    return saveFields.getAttribute("data-new-file") + "?" + params.toString();
  }

  var actions = {
    "clear": function () { selected = []; have = []; writeHash(); applySelection([], []); },
    "copy-link": function () { copy(shareUrl(), text.copied_link); },
    "copy-markdown": function () { copy(renderMarkdown(buildPlan()), text.copied_markdown); },
    "download-csv": function () { download(renderCsv(buildPlan()), text.file_name + ".csv"); },
    "print": function () { window.print(); },
    "copy-system": function () {
      var file = systemFile();
      if (file) copy(file.content, format(text.save_copied, { file: "data/" + rules.folder + "/" + file.name }));
    },
    "download-system": function () {
      var file = systemFile();
      if (file) download(file.content, file.name, "text/yaml", format(text.save_downloaded, { file: file.name }));
    },
    "new-file": function () {
      var file = systemFile();
      if (file) window.open(newFileUrl(file), "_blank", "noopener");
    },
    // On a phone the plan is below the choices: take the reader (and the focus) there.
    "show-plan": function () { ui.planHeading.focus(); ui.planHeading.scrollIntoView({ block: "start" }); }
  };

  root.addEventListener("change", function (event) {
    if (event.target.matches("input[data-have]")) setHave(event.target.value, event.target.checked);
  });

  root.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (button && actions[button.getAttribute("data-action")]) actions[button.getAttribute("data-action")]();
  });

  load();
})();
