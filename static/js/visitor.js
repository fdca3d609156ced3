// What a shared page cannot carry: this visitor's cart count, the account
// link's label, the CSRF token for the page's forms, and how many units are
// left of the variants the page shows (sales do not empty the page cache).
// One request to /<lang>/cart/status/?sku=... after the page has loaded.
(function () {
  "use strict";
  var url = document.body.getAttribute("data-visitor-url");
  if (!url || !window.fetch) {
    return;
  }
  var variants = document.querySelectorAll("[data-stock-sku]");
  var query = [];
  variants.forEach(function (variant) {
    query.push("sku=" + encodeURIComponent(variant.getAttribute("data-stock-sku")));
  });
  if (query.length) {
    url += (url.indexOf("?") < 0 ? "?" : "&") + query.join("&");
  }

  function showStock(variant, stock) {
    var label = variant.querySelector("[data-stock-label]");
    if (label) {
      label.textContent = stock.label;
      label.className = stock.level === "in" ? "" : "availability--" + stock.level;
    }
    var quantity = variant.querySelector("[data-stock-quantity]");
    var button = variant.querySelector("[data-stock-button]");
    if (quantity && stock.units > 0) {
      quantity.max = String(stock.units);
    }
    // Sold out since the page was cached: the server would refuse anyway.
    [quantity, button].forEach(function (control) {
      if (control) {
        control.disabled = stock.units <= 0;
      }
    });
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
      var stock = visitor.stock || {};
      variants.forEach(function (variant) {
        var found = stock[variant.getAttribute("data-stock-sku")];
        if (found) {
          showStock(variant, found);
        }
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
