/* smarthub: copy buttons for ready-to-send messages (and, below, the pages' small helpers).
 *
 * A message (the section under a "Message" heading, see smarthub/site/message.py) is copied
 * as plain text, with its line breaks, list bullets and table rows kept, and as rich text
 * where the browser allows; links become their text, so nothing of the hub travels into an
 * email. Pages are static HTML: everything here only adds to what is already readable.
 */
(() => {
  "use strict";

  const BLOCKS = new Set(["P", "DIV", "UL", "OL", "TABLE", "BLOCKQUOTE", "H1", "H2", "H3", "H4", "H5", "H6", "PRE"]);

  /** The plain text of a message body, as it would be typed into an email. */
  function plainText(node) {
    const out = [];
    const walk = (current, prefix) => {
      for (const child of current.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          let text = child.textContent.replace(/\s*\n\s*/g, " ");
          if (!out.length || out[out.length - 1].endsWith("\n")) text = text.trimStart();
          out.push(text);
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          const tag = child.tagName;
          if (tag === "BR") out.push("\n");
          else if (tag === "LI") {
            out.push(`${prefix}- `);
            walk(child, prefix + "  ");
            out.push("\n");
          } else if (tag === "TR") {
            const cells = [...child.children].map((cell) => cell.innerText.trim());
            out.push(cells.join(" | "), "\n");
          } else if (BLOCKS.has(tag)) {
            walk(child, prefix);
            out.push("\n\n");
          } else walk(child, prefix);
        }
      }
    };
    walk(node, "");
    return out
      .join("")
      .replace(/[ \t]+\n/g, "\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim();
  }

  /** The body as rich text: a copy without links, tooltips, classes or ids. */
  function richText(node) {
    const copy = node.cloneNode(true);
    for (const link of copy.querySelectorAll("a, abbr")) link.replaceWith(...link.childNodes);
    for (const element of copy.querySelectorAll("*")) {
      for (const name of [...element.getAttributeNames()]) element.removeAttribute(name);
    }
    return copy.innerHTML;
  }

  async function copy(body) {
    const text = plainText(body);
    if (window.ClipboardItem && navigator.clipboard?.write) {
      try {
        await navigator.clipboard.write([
          new ClipboardItem({
            "text/plain": new Blob([text], { type: "text/plain" }),
            "text/html": new Blob([richText(body)], { type: "text/html" }),
          }),
        ]);
        return true;
      } catch {
        /* rich text refused: plain text below */
      }
    }
    if (navigator.clipboard?.writeText) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        /* no clipboard permission (a page opened from disk): the selection below */
      }
    }
    const area = Object.assign(document.createElement("textarea"), { value: text });
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    const done = document.execCommand("copy");
    area.remove();
    return done;
  }

  document.addEventListener("click", async (event) => {
    const button = event.target.closest?.(".smarthub-copy");
    if (!button) return;
    const body = button.closest(".smarthub-message")?.querySelector(".smarthub-message-body");
    if (!body) return;
    const label = button.dataset.label || button.textContent;
    button.dataset.label = label;
    button.textContent = (await copy(body)) ? "Copied" : "Select the text to copy";
    setTimeout(() => (button.textContent = label), 2000);
  });

  /* Catalog filters: persona, stage, type and owner together, kept in the URL's query. */
  function setUpFilters(form) {
    const rows = [...document.querySelectorAll(".smarthub-row")].map((span) => ({
      span,
      row: span.closest("tr"),
      section: span.closest(".smarthub-catalog-section"),
    }));
    const selects = [...form.querySelectorAll("select")];
    const count = form.querySelector(".smarthub-filter-count");
    const sections = [...document.querySelectorAll(".smarthub-catalog-section")];

    function apply() {
      const wanted = selects.filter((select) => select.value);
      let shown = 0;
      for (const { span, row } of rows) {
        const visible = wanted.every((select) =>
          (span.dataset[select.name] || "").split(" ").includes(select.value),
        );
        row.hidden = !visible;
        if (visible) shown += 1;
      }
      for (const section of sections) {
        section.hidden = Boolean(wanted.length) && !section.querySelector("tr:has(.smarthub-row):not([hidden])");
      }
      count.textContent = `${shown} of ${rows.length} assets`;
      const params = new URLSearchParams(location.search);
      for (const select of selects) {
        if (select.value) params.set(select.name, select.value);
        else params.delete(select.name);
      }
      const query = params.toString();
      history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
    }

    const params = new URLSearchParams(location.search);
    for (const select of selects) {
      const value = params.get(select.name);
      if (value && [...select.options].some((option) => option.value === value)) select.value = value;
    }
    form.addEventListener("change", apply);
    form.addEventListener("reset", () => setTimeout(apply));
    form.addEventListener("submit", (event) => event.preventDefault());
    form.hidden = false;
    apply();
  }

  const filters = document.querySelector("form.smarthub-filters");
  if (filters) setUpFilters(filters);

  /* Term tooltips on touch: a tap on a term shows its definition and a "More" link (the
     term's page); tapping the same term again follows its link. A mouse keeps the hover. */
  let pointer = "mouse";
  document.addEventListener("pointerdown", (event) => (pointer = event.pointerType), true);
  const popover = document.createElement("div");
  popover.className = "smarthub-popover md-typeset";
  popover.setAttribute("role", "tooltip");
  popover.hidden = true;
  document.body.append(popover);
  let shownFor = null;
  // Material's tooltips take the title away while they show it: keep each definition here.
  for (const term of document.querySelectorAll("article abbr[title], article a.smarthub-term[title]")) {
    term.dataset.smarthubDefinition = term.getAttribute("title");
  }

  function hide() {
    popover.hidden = true;
    shownFor = null;
  }

  function show(target, text, href) {
    popover.replaceChildren(Object.assign(document.createElement("p"), { textContent: text }));
    if (href) {
      const more = Object.assign(document.createElement("a"), { href, textContent: "More" });
      popover.append(more);
    }
    popover.hidden = false;
    const box = target.getBoundingClientRect();
    const width = Math.min(popover.offsetWidth, window.innerWidth - 16);
    popover.style.left = `${Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + window.innerWidth - width - 8))}px`;
    popover.style.top = `${box.bottom + window.scrollY + 6}px`;
    shownFor = target;
  }

  document.addEventListener("click", (event) => {
    if (event.target.closest?.(".smarthub-popover")) return;
    const target = event.target.closest?.("[data-smarthub-definition]");
    const term = target?.closest("a.smarthub-term") || target;
    if (!target || pointer !== "touch" || shownFor === term) {
      hide();
      return;
    }
    event.preventDefault();
    const abbr = term.matches("abbr") ? term : term.querySelector("abbr[data-smarthub-definition]");
    const text = (abbr || term).dataset.smarthubDefinition;
    show(term, text, term.matches("a") ? term.href : null);
  });
  window.addEventListener("resize", hide);

  // Material's search overlay is a dialog without a name; screen readers announce the name.
  document.querySelector('.md-search[role="dialog"]')?.setAttribute("aria-label", "Search");
})();
