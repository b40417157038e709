// Lets govuk-frontend's styles know JavaScript runs (the Design System's usual inline snippet,
// kept in a file so the Content Security Policy needs no 'unsafe-inline').
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
