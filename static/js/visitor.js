// What a shared page cannot carry: this visitor's cart count, the account
// link's label and the CSRF token for the page's forms. One request to
// /<lang>/cart/status/ after the page has loaded.
(function () {
  "use strict";
  var url = document.body.getAttribute("data-visitor-url");
  if (!url || !window.fetch) {
    return;
  }
  fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) {
      return response.ok ? response.json() : null;
    })
    .then(function (visitor) {
      if (!visitor) {
        return;
      }
      document.querySelectorAll("[data-csrf-token]").forEach(function (input) {
        input.value = visitor.csrf_token;
      });
      var account = document.querySelector("[data-account-link]");
      if (account && visitor.signed_in) {
        account.textContent = account.getAttribute("data-signed-in-label");
      }
      var count = document.querySelector("[data-cart-count]");
      if (count) {
        count.textContent = String(visitor.count);
        count.hidden = false;
        var label = document.querySelector("[data-cart-count-label]");
        if (label) {
          label.hidden = false;
        }
      }
    })
    .catch(function () {
      // Offline or refused: the page still works; forms fall back to the
      // confirmation page that the CSRF failure view shows.
    });
})();
