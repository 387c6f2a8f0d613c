/* smarthub: the site's search on Pagefind (plugin option `search: pagefind`).
 *
 * Material's own search is switched off, so this adds a search button to the header and a
 * dialog holding Pagefind's UI. The dialog follows Material's `__search` toggle, so the home
 * page's big search entrance (a label for that toggle) opens it too. Pagefind's UI, its
 * stylesheet and the index chunks come from the site's own `pagefind/` folder, loaded on
 * first use: pages that nobody searches from download none of it.
 */
(() => {
  "use strict";
  const script = document.currentScript;
  const toggle = document.getElementById("__search");
  if (!script || !toggle || typeof HTMLDialogElement === "undefined") return;

  const root = new URL("../../", script.src); // this file is <site>/assets/smarthub/search.js
  const bundle = new URL("pagefind/", root);
  const svg = (path) =>
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="${path}"/></svg>`;
  // Material's magnify and close icons.
  const magnify = svg(
    "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5",
  );
  const cross = svg(
    "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z",
  );

  const dialog = document.createElement("dialog");
  dialog.className = "smarthub-search-dialog";
  dialog.setAttribute("aria-label", "Search");
  const bar = document.createElement("form"); // method "dialog": its button closes the dialog
  bar.method = "dialog";
  bar.className = "smarthub-search-bar";
  bar.innerHTML = `<button class="smarthub-search-close" title="Close" aria-label="Close search">${cross}</button>`;
  const container = document.createElement("div");
  container.className = "smarthub-search-ui";
  dialog.append(bar, container);
  document.body.append(dialog);

  const header = document.querySelector(".md-header__inner");
  if (header) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button md-icon smarthub-search-button";
    button.title = "Search";
    button.setAttribute("aria-label", "Search");
    button.innerHTML = magnify;
    button.addEventListener("click", () => open());
    header.insertBefore(button, header.querySelector(".md-header__source"));
  }

  function load(tag, attributes) {
    return new Promise((resolve, reject) => {
      const element = Object.assign(document.createElement(tag), attributes);
      element.addEventListener("load", resolve);
      element.addEventListener("error", () => reject(new Error(`cannot load ${attributes.href || attributes.src}`)));
      document.head.append(element);
    });
  }

  let mounted = null;
  function mount() {
    mounted ??= Promise.all([
      load("link", { rel: "stylesheet", href: new URL("pagefind-ui.css", bundle).href }),
      load("script", { src: new URL("pagefind-ui.js", bundle).href }),
    ]).then(
      () =>
        new window.PagefindUI({
          element: container,
          bundlePath: bundle.href,
          baseUrl: root.pathname, // result links stay inside the site when it lives in a subfolder
          showImages: false,
          resetStyles: false,
          autofocus: true,
        }),
      (error) => {
        mounted = null; // let the next opening try again
        throw error;
      },
    );
    return mounted;
  }

  async function open() {
    if (!dialog.open) dialog.showModal();
    toggle.checked = true;
    await mount();
    container.querySelector("input")?.focus();
  }

  toggle.addEventListener("change", () => (toggle.checked ? open() : dialog.close()));
  dialog.addEventListener("close", () => {
    toggle.checked = false;
  });
  // A click on the backdrop (the dialog itself, outside its content) or on a result closes it.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog || event.target.closest("a")) dialog.close();
  });
  // Material's keys for search: "/", "s" or "f" anywhere but in a text field.
  document.addEventListener("keydown", (event) => {
    if (dialog.open || event.ctrlKey || event.metaKey || event.altKey) return;
    if (!["/", "s", "f"].includes(event.key)) return;
    const active = document.activeElement;
    if (active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName))) return;
    event.preventDefault();
    open();
  });
})();
