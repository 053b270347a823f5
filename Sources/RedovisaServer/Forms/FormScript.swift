/// The one script of the pages, served at `/static/redovisa.js`: progressive enhancement only.
/// Every page works without it (a form shows and hides its conditional fields when it is saved).
/// With it:
///
/// - a report form asks the server, when an answer changes, which fields the template shows for
///   the answers as they stand (`POST …/synlighet`, nothing is saved) and shows or hides them at
///   once;
/// - a link of the error summary to a field on the same page puts the focus in the field;
/// - the receipt's "Skriv ut kvittot" button appears and prints.
///
/// An external file, because the Content-Security-Policy allows no inline script.
public enum FormScript {
    /// The path the pages link to.
    public static let path = "/static/redovisa.js"

    /// The script.
    public static let javascript = #"""
        "use strict";
        (function () {
          var form = document.querySelector("form[data-synlighet]");
          if (form && window.fetch && window.URLSearchParams && window.FormData) {
            var asked = 0;
            var refresh = function () {
              var mine = ++asked;
              fetch(form.getAttribute("data-synlighet"), {
                method: "POST",
                credentials: "same-origin",
                headers: { "Content-Type": "application/x-www-form-urlencoded" },
                body: new URLSearchParams(new FormData(form)).toString()
              }).then(function (response) {
                return response.ok ? response.json() : null;
              }).then(function (answer) {
                if (!answer || mine !== asked) { return; }
                var shown = {};
                answer.visible.forEach(function (path) { shown[path] = true; });
                form.querySelectorAll("[data-falt]").forEach(function (element) {
                  element.hidden = !shown[element.getAttribute("data-falt")];
                });
              }).catch(function () { /* without an answer the form works as without the script */ });
            };
            form.addEventListener("change", refresh);
          }
          // The error summary's links to a field on the same page put the focus in the field.
          document.querySelectorAll(".error-summary a[href^='#']").forEach(function (link) {
            link.addEventListener("click", function (event) {
              var target = document.getElementById(link.getAttribute("href").slice(1));
              if (!target) { return; }
              event.preventDefault();
              target.scrollIntoView();
              target.focus();
            });
          });
          document.querySelectorAll(".js-print").forEach(function (button) {
            button.hidden = false;
            button.addEventListener("click", function () { window.print(); });
          });
          document.querySelectorAll(".js-print-hint").forEach(function (hint) { hint.hidden = true; });
        })();
        """#
}
