// igov's repairs to markup the Django admin's own scripts make (see static/igov-admin/admin.css for the rest).
"use strict";
window.addEventListener("load", function () {
  // The filter boxes of filter_horizontal / filter_vertical (SelectFilter2.js) are labelled by an icon
  // carrying aria-label, which a span may not have: the label gets the words as hidden text instead.
  document.querySelectorAll(".selector-filter label > .search-label-icon[aria-label]").forEach(function (icon) {
    const words = document.createElement("span");
    words.className = "visually-hidden";
    words.textContent = icon.getAttribute("aria-label");
    icon.removeAttribute("aria-label");
    icon.setAttribute("aria-hidden", "true");
    icon.parentNode.appendChild(words);
  });
});
