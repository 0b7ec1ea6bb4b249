// Click-to-highlight on the article page: selecting an item (in the side panel or by clicking marked text)
// lights up all of its spans and shows it in the detail box. Only existing page nodes are moved or cloned.
"use strict";
(function () {
  const text = document.getElementById("text");
  const detail = document.getElementById("detail");
  const items = document.getElementById("items");
  if (!text || !detail || !items) return;

  function itemNode(id) {
    return items.querySelector('[data-item="' + CSS.escape(id) + '"]');
  }

  function marksOf(id) {
    return text.querySelectorAll('mark[data-items~="' + CSS.escape(id) + '"]');
  }

  // Show the items with these ids in the detail box and highlight the spans of the first one.
  function select(ids, scroll) {
    document.querySelectorAll(".active").forEach((el) => el.classList.remove("active"));
    const list = document.createElement("ul");
    ids.forEach((id) => {
      const node = itemNode(id);
      if (node) list.appendChild(node.cloneNode(true));
    });
    detail.replaceChildren(list);
    if (!ids.length) return;
    const first = itemNode(ids[0]);
    if (first) first.classList.add("active");
    const marks = marksOf(ids[0]);
    marks.forEach((m) => m.classList.add("active"));
    if (scroll && marks.length) marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
  }

  document.addEventListener("click", (event) => {
    const item = event.target.closest("[data-item]");
    if (item && item.closest(".panel")) {
      select([item.dataset.item], true);
      return;
    }
    const mark = event.target.closest("mark[data-items]");
    if (mark && text.contains(mark)) select(mark.dataset.items.split(" "), false);
  });

  items.addEventListener("keydown", (event) => {
    const item = event.target.closest("[data-item]");
    if (item && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      select([item.dataset.item], true);
    }
  });
})();
