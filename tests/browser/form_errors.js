// What a person needs after a refused form, as a list of problems (empty when all is well).
// igov's pages: the GOV.UK error summary, focused, each link moving focus to its field, and each field in
// error described by its message. The admin's the same, its note at the top being its summary.
() => {
  const problems = [];
  const described = id => [...document.querySelectorAll('[aria-describedby]')]
    .some(el => el.getAttribute('aria-describedby').split(/\s+/).includes(id));
  const isError = id => { const el = document.getElementById(id); return el && el.matches('.govuk-error-message, .errorlist'); };
  // The field, or the fieldset or group around it (a date's three boxes, a group of radios), is described by its error.
  const describedByError = el => {
    for (let node = el; node; node = node.parentElement && node.parentElement.closest('fieldset, [role=group]')) {
      if ((node.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean).some(isError)) return true;
    }
    return false;
  };
  const followLinks = summary => {
    for (const link of summary.querySelectorAll('a')) {
      const text = link.textContent.trim();
      const id = decodeURIComponent((link.getAttribute('href') || '').replace(/^#/, ''));
      const field = id && document.getElementById(id);
      if (!field || !field.matches('input, select, textarea')) {
        problems.push(`the error summary's link "${text}" goes to ${link.getAttribute('href')}, not a field`);
        continue;
      }
      link.click();
      if (document.activeElement !== field) problems.push(`the error summary's link "${text}" does not reach its field`);
      if (!describedByError(field)) problems.push(`#${id} is not described by its error message`);
    }
  };

  if (document.querySelector('#content-main')) {  // the Django admin
    const lists = [...document.querySelectorAll('#content-main .errorlist')].filter(l => !l.classList.contains('nonfield'));
    const note = document.querySelector('#content-main .errornote');
    if (!note) {
      if (lists.length) problems.push('errors shown without the note at the top');
      return problems;
    }
    if (!note.contains(document.activeElement)) problems.push('the note at the top does not take focus');
    if (note.querySelectorAll('a').length < lists.length) problems.push('the note at the top does not link to each error');
    for (const list of lists) {
      if (!list.id || !described(list.id)) problems.push(`an error no field is described by: ${list.textContent.trim()}`);
    }
    followLinks(note);
    return problems;
  }

  const messages = document.querySelectorAll('.govuk-error-message');
  const summary = document.querySelector('.govuk-error-summary');
  const groups = document.querySelectorAll('.govuk-form-group--error');
  if (!summary) {
    if (messages.length || groups.length) problems.push('errors shown without an error summary');
    return problems;
  }
  if (!summary.contains(document.activeElement)) problems.push('the error summary does not take focus');
  for (const message of messages) {
    if (!message.id || !described(message.id)) problems.push(`an error no field is described by: ${message.textContent.trim()}`);
  }
  followLinks(summary);
  for (const group of groups) {
    if (!group.querySelector('.govuk-error-message')) problems.push('a field marked in error shows no message');
  }
  return problems;
}
