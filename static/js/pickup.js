// Store pick-up asks for no address. Without this script the address
// fields stay on the page and the server ignores them when the buyer
// collects the order; with it, they are hidden and disabled (so not sent)
// while the pick-up choice is checked.
(function () {
  "use strict";
  var form = document.querySelector("form.checkout-form");
  var address = form ? form.querySelector("fieldset[data-address]") : null;
  if (!address) {
    return;
  }

  function collected() {
    return Boolean(
      form.querySelector('.choice[data-zone="pickup"] input[name=delivery_method]:checked')
    );
  }

  function sync() {
    var pickup = collected();
    address.hidden = pickup;
    address.disabled = pickup;
  }

  // static/js/places.js, loaded first, may change the checked delivery
  // choice when the country changes: its listener runs before this one.
  form.addEventListener("change", sync);
  sync();
})();
