// An approved business buyer's prices on a product page: the page is shared
// from the cache, so the block is asked for after it loads (the SKUs the page
// shows) and put in place; everyone else gets nothing (204).
(function () {
  "use strict";
  var slot = document.querySelector("[data-trade-prices]");
  if (!slot || !window.fetch) {
    return;
  }
  var query = [];
  document.querySelectorAll("[data-stock-sku]").forEach(function (variant) {
    query.push("sku=" + encodeURIComponent(variant.getAttribute("data-stock-sku")));
  });
  if (!query.length) {
    return;
  }
  var url = slot.getAttribute("data-trade-prices") + "?" + query.join("&");
  fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
    .then(function (response) {
      return response.status === 200 ? response.text() : "";
    })
    .then(function (html) {
      if (html) {
        slot.innerHTML = html;
        slot.hidden = false;
      }
    })
    .catch(function () {
      // Offline: the public prices stay.
    });
})();
