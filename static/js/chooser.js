// A long multiple choice (igov.lib.forms.ChooserWidget): adds a filter box above the checkboxes that
// hides the options whose label does not contain what is typed, and says in a live region how many
// are shown. Without script the checkboxes are all there, in their scrolling box.
function initChooser(chooser) {
  const options = chooser.querySelector(".igov-chooser__options");
  const items = Array.from(options.querySelectorAll(".govuk-checkboxes__item"));
  const legend = chooser.closest("fieldset")?.querySelector("legend")?.textContent.trim() || "options";
  const id = `${options.id}-filter`;

  const group = document.createElement("div");
  group.className = "govuk-form-group govuk-!-margin-bottom-2";
  const label = document.createElement("label");
  label.className = "govuk-label";
  label.htmlFor = id;
  label.textContent = `Filter ${legend.toLowerCase()}`;
  const input = document.createElement("input");
  input.className = "govuk-input govuk-!-width-two-thirds";
  input.type = "search";
  input.id = id;
  input.autocomplete = "off";
  input.spellcheck = false;
  input.setAttribute("aria-controls", options.id);
  const status = document.createElement("p");
  status.className = "govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0";
  status.setAttribute("aria-live", "polite");
  status.id = `${options.id}-shown`;
  group.append(label, input, status);
  chooser.prepend(group);

  const update = () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const item of items) {
      const text = item.textContent.toLowerCase();
      const match = words.every((word) => text.includes(word));
      item.hidden = !match;
      shown += match ? 1 : 0;
    }
    status.textContent = `${shown} of ${items.length} shown`;
  };
  input.addEventListener("input", update);
  // Enter in the filter box would submit the whole form: it only filters.
  input.addEventListener("keydown", (event) => { if (event.key === "Enter") event.preventDefault(); });
  update();
}

document.querySelectorAll('[data-module="igov-chooser"]').forEach(initChooser);
