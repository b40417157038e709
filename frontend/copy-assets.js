// Copies govuk-frontend's JavaScript and images (not its fonts) into static/govuk/ for Django.
const fs = require("fs");
const path = require("path");

const dist = path.join(__dirname, "..", "node_modules", "govuk-frontend", "dist", "govuk");
const out = path.join(__dirname, "..", "static", "govuk");
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
fs.copyFileSync(path.join(dist, "govuk-frontend.min.js"), path.join(out, "govuk-frontend.min.js"));
fs.cpSync(path.join(dist, "assets", "images"), path.join(out, "assets", "images"), { recursive: true });
fs.cpSync(path.join(dist, "assets", "manifest.json"), path.join(out, "assets", "manifest.json"));
