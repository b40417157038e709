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

// A refused form: the admin's note at the top ("Please correct the errors below.") becomes an error
// summary, as on the service's pages: a link to each field in error, and focus, so that a screen reader
// reads it first and a keyboard user reaches each field from it.
(function () {
  const note = document.querySelector("#content-main .errornote");
  if (!note) {
    return;
  }
  const list = document.createElement("ul");
  document.querySelectorAll("#content-main ul.errorlist[id$='_error']").forEach(function (errors) {
    const id = errors.id.slice(0, -"_error".length);
    // A split date and time or a group of radios starts at its first box (_0).
    const field = document.getElementById(id) || document.getElementById(id + "_0");
    if (!field) {
      return;
    }
    const label = document.querySelector("label[for='" + field.id + "']");
    const name = (label ? label.textContent : field.getAttribute("aria-label") || "").trim().replace(/:$/, "");
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = "#" + field.id;
    link.textContent = (name ? name + ": " : "") + errors.textContent.trim();
    link.addEventListener("click", function (event) {
      event.preventDefault();
      field.scrollIntoView({block: "center"});
      field.focus();
    });
    item.appendChild(link);
    list.appendChild(item);
  });
  note.appendChild(list);
  note.setAttribute("tabindex", "-1");
  // On load: an add form's own script (change_form.js, loaded async) focuses its first field before then.
  window.addEventListener("load", function () {
    note.focus();
  });
})();
