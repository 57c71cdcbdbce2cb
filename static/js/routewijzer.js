/* Routewijzer: small enhancements; every page works without this script.
   - Moves focus to the list of problems when the form comes back with errors.
   - Suggests Dutch place names while typing (our own /routewijzer/plaatsen/,
     no other site), in the input's <datalist>.
   - Shows "Kopieer het adres" and "Afdrukken" buttons on the advice page. */
(function () {
  "use strict";

  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) {
    summary.focus();
  }

  /* Any form with data-suggestions (the Routewijzer, the directory): its text input
     with a list attribute gets the place names in that <datalist>. */
  Array.prototype.forEach.call(document.querySelectorAll("form[data-suggestions]"), function (form) {
    var input = form.querySelector("input[list]");
    var list = input && document.getElementById(input.getAttribute("list"));
    if (input && list && window.fetch) {
      suggestPlaces(form.getAttribute("data-suggestions"), input, list);
    }
  });

  function suggestPlaces(url, input, list) {
    var timer = null;
    var lastQuery = "";
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var query = input.value.trim();
        if (query.length < 2 || query === lastQuery) {
          return;
        }
        lastQuery = query;
        window
          .fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
          .then(function (response) {
            return response.ok ? response.json() : { plaatsen: [] };
          })
          .then(function (data) {
            list.textContent = "";
            data.plaatsen.forEach(function (place) {
              var option = document.createElement("option");
              option.value = place.naam;
              option.label = place.naam + " (" + place.provincie + ")";
              list.appendChild(option);
            });
          })
          .catch(function () {
            /* Suggestions are a help only: typing the name still works. */
          });
      }, 200);
    });
  }

  var actions = document.querySelector("[data-share-actions]");
  if (actions) {
    actions.hidden = false;
    var hint = document.querySelector(".no-script-hint");
    if (hint) {
      hint.hidden = true;
    }
    var status = actions.querySelector("[data-copy-status]");
    var copyButton = actions.querySelector("[data-copy]");
    var field = document.getElementById(copyButton.getAttribute("data-copy"));
    copyButton.addEventListener("click", function () {
      var done = function () {
        status.textContent = "Het adres is gekopieerd.";
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          field.select();
          status.textContent = "Kopiëren lukte niet. Het adres is geselecteerd: kopieer het met Ctrl+C.";
        });
      } else {
        field.select();
        var copied = false;
        try {
          copied = document.execCommand("copy");
        } catch (error) {
          copied = false;
        }
        if (copied) {
          done();
        } else {
          status.textContent = "Het adres is geselecteerd: kopieer het met Ctrl+C.";
        }
      }
    });
    actions.querySelector("[data-print]").addEventListener("click", function () {
      window.print();
    });
  }
})();
