/* The interface's words in the archive's language, written by dossier from its
 * translation (src/i18n/): window.dossierInterface.t(key, args) is the builder's
 * Interface::format and Interface::count, a count's form picked by Intl.PluralRules.
 * (This comment is left out of the file written.) */
(function (g) {
  "use strict";
  var d = /*DATA*/null, rules = null;
  try { rules = new Intl.PluralRules(d.language); } catch (e) { /* "other" then */ }
  g.dossierInterface = { language: d.language, t: function (key, args) {
    var m = d.strings[key];
    if (m === undefined) return key;
    if (typeof m === "object") {
      var n = args ? args.n : undefined;
      m = m[rules && typeof n === "number" ? rules.select(n) : "other"] || m.other;
    }
    return String(m).replace(/\{(\w+)\}/g, function (all, name) {
      return args && args[name] !== undefined ? String(args[name]) : all;
    });
  } };
})(typeof window !== "undefined" ? window : globalThis);
