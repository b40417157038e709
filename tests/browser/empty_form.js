// The form a page asks a person to fill in: the first POST form in the main content with a field to fill
// and a button to send it (a confirmation with a button alone is left alone: sending it acts; the admin's
// change list form is its bulk actions). With empty = false, whether there is one; with empty = true, every
// field emptied and its first submit button marked data-a11y-submit.
empty => {
  const main = document.querySelector('#main-content, #content-main');
  for (const form of main ? main.querySelectorAll('form') : []) {
    if ((form.getAttribute('method') || '').toLowerCase() !== 'post' || form.id === 'changelist-form') continue;
    const fields = [...form.elements].filter(el => el.matches('input, select, textarea')
      && !['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type));
    const button = form.querySelector('button:not([type]), button[type=submit], input[type=submit]');
    if (!fields.length || !button) continue;
    if (!empty) return true;
    for (const el of fields) {
      if (el.type === 'checkbox' || el.type === 'radio') el.checked = false;
      else if (el.tagName === 'SELECT') {
        for (const option of el.options) option.selected = false;
        if (!el.multiple) el.selectedIndex = [...el.options].findIndex(o => o.value === '');
      } else el.value = '';
    }
    button.setAttribute('data-a11y-submit', '');
    return true;
  }
  return false;
}
