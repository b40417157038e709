// What a person needs after a refused form, as a list of problems (empty when all is well).
// igov's pages: the GOV.UK error summary, focused, each link moving focus to its field, and each field in
// error described by its message. The admin's: its note at the top and each field described by its error list.
() => {
  const problems = [];
  const described = id => [...document.querySelectorAll('[aria-describedby]')]
    .some(el => el.getAttribute('aria-describedby').split(/\s+/).includes(id));
  const describedByError = el => {
    for (let node = el; node; node = node.parentElement.closest('fieldset, [role=group]')) {
      const ids = (node.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
      if (ids.some(id => { const m = document.getElementById(id);
                           return m && m.matches('.govuk-error-message, .errorlist'); })) return true;
      if (!node.parentElement) break;
    }
    return false;
  };
  if (document.querySelector('#content-main')) {  // the Django admin
    const lists = document.querySelectorAll('#content-main .errorlist');
    if (lists.length && !document.querySelector('.errornote')) problems.push('errors shown without the note at the top');
    for (const list of lists) {
      if (list.classList.contains('nonfield')) continue;
      if (!list.id || !described(list.id)) problems.push(`an error no field is described by: ${list.textContent.trim()}`);
    }
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
  for (const link of summary.querySelectorAll('a')) {
    const id = decodeURIComponent((link.getAttribute('href') || '').replace(/^#/, ''));
    const field = id && document.getElementById(id);
    if (!field || !field.matches('input, select, textarea')) {
      problems.push(`the error summary's link "${link.textContent.trim()}" goes to ${link.getAttribute('href')}, not a field`);
      continue;
    }
    link.click();
    if (document.activeElement !== field) problems.push(`the error summary's link "${link.textContent.trim()}" does not move focus to its field`);
    if (!describedByError(field)) problems.push(`#${id} is not described by its error message`);
  }
  for (const group of groups) {
    if (!group.querySelector('.govuk-error-message')) problems.push('a field marked in error shows no message');
  }
  return problems;
}
