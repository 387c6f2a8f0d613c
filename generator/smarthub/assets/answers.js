/* smarthub: search that answers (Material's lunr search and the Pagefind dialog alike).
 *
 * When the query equals a name the hub knows (a term, alias or abbreviation, a persona, a
 * playbook or an asset title) the entry it names is shown first, with its one line: the
 * term's definition, the entry's summary. Every result is labelled with its kind and, for
 * assets, personas and stages. The table of names (answers-data.js, written by the build)
 * is loaded on the first search. Values from the hub are set with textContent only.
 */
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script) return;
  const root = new URL("../../", script.src); // this file is <site>/assets/smarthub/answers.js
  const normalized = (text) => text.toLowerCase().replace(/[\s\-‐–_/]+/g, " ").trim();

  let table = null;
  let loading = null;
  function load() {
    loading ??= new Promise((resolve) => {
      const element = document.createElement("script");
      element.src = new URL("answers-data.js", script.src).href;
      element.addEventListener("load", () => {
        table = window.smarthubAnswers || null;
        resolve();
        refresh();
      });
      element.addEventListener("error", () => resolve());
      document.head.append(element);
    });
    return loading;
  }

  function keyOf(href) {
    const url = new URL(href, location.href);
    const path = decodeURI(url.pathname);
    const base = decodeURI(root.pathname);
    if (!path.startsWith(base)) return null;
    const key = path.slice(base.length);
    return key.endsWith("index.html") && !(key in (table?.pages || {})) ? key.slice(0, -10) : key;
  }

  function element(tag, className, text) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  }

  function label(entry) {
    const [kind, , , facts, overdue] = entry;
    const span = element("span", "smarthub-result-kind");
    span.append(element("strong", "", kind));
    if (facts.length) span.append(document.createTextNode(` · ${facts.join(" · ")}`));
    if (overdue) span.append(" ", element("span", "smarthub-flag", "review overdue"));
    return span;
  }

  function answerFor(query) {
    if (!table) return null;
    const url = table.names[normalized(query)];
    return url !== undefined && table.pages[url] ? url : null;
  }

  function answerItem(url, tag) {
    const entry = table.pages[url];
    const item = element(tag, "md-search-result__item smarthub-answer");
    item.dataset.smarthubAnswer = url;
    const link = element("a", "md-search-result__link");
    link.href = new URL(url, root).href;
    const article = element("article", "md-search-result__article md-typeset");
    article.append(label(entry), element("h1", "", entry[1]));
    if (entry[2]) article.append(element("p", "smarthub-answer-line", entry[2]));
    link.append(article);
    item.append(link);
    return item;
  }

  // Where each search UI shows its query and results.
  const searches = [
    {
      input: ".md-search__input",
      host: () => document.querySelector(".md-search-result__list"),
      tag: "li",
      first: ".md-search-result__item > a.md-search-result__link",
    },
    {
      input: ".pagefind-ui__search-input",
      // Outside Pagefind's own (Svelte) list, which must not hold foreign nodes.
      host: () => document.querySelector(".smarthub-search-answer"),
      tag: "div",
      first: ".pagefind-ui__result-link",
    },
  ];

  function refresh() {
    if (!table) return;
    for (const search of searches) {
      const input = document.querySelector(search.input);
      const host = search.host();
      if (!input || !host) continue;
      const url = answerFor(input.value);
      const current = host.querySelector(":scope > .smarthub-answer");
      if (current && current.dataset.smarthubAnswer !== url) current.remove();
      if (url !== null && !(current && current.dataset.smarthubAnswer === url)) {
        host.prepend(answerItem(url, search.tag));
      }
      for (const link of document.querySelectorAll(search.first)) {
        if (link.dataset.smarthubKind || link.closest(".smarthub-answer")) continue;
        const key = keyOf(link.href);
        const entry = key !== null ? table.pages[key.split("#")[0]] : undefined;
        link.dataset.smarthubKind = entry ? entry[0] : "page";
        if (!entry) continue;
        const article = link.querySelector("article");
        if (article) article.prepend(label(entry));
        else (link.closest(".pagefind-ui__result-title") || link).before(label(entry));
      }
    }
  }

  let scheduled = false;
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      refresh();
    });
  }

  // The Pagefind dialog gets a place for the answer above Pagefind's own UI.
  function pagefindHost() {
    const ui = document.querySelector(".smarthub-search-ui");
    if (ui && !document.querySelector(".smarthub-search-answer")) {
      ui.before(element("div", "smarthub-search-answer"));
    }
  }

  document.addEventListener(
    "focusin",
    (event) => {
      if (event.target.matches?.(searches.map((search) => search.input).join(","))) load();
    },
    true,
  );
  document.addEventListener(
    "input",
    (event) => {
      if (!event.target.matches?.(searches.map((search) => search.input).join(","))) return;
      pagefindHost();
      load().then(schedule);
    },
    true,
  );
  new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
})();
