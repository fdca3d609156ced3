// Mounts Stripe's Payment Element on #payment-form and confirms the payment.
// Everything it needs comes from data- attributes: no inline script.
(function () {
  "use strict";
  var form = document.getElementById("payment-form");
  if (!form || typeof Stripe === "undefined") {
    return;
  }
  var stripe = Stripe(form.dataset.stripeKey, { locale: form.dataset.locale });
  var elements = stripe.elements({ clientSecret: form.dataset.clientSecret });
  var paymentElement = elements.create("payment");
  paymentElement.mount("#payment-element");
  var message = document.getElementById("payment-message");
  var button = document.getElementById("payment-submit");

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    stripe
      .confirmPayment({
        elements: elements,
        confirmParams: { return_url: form.dataset.returnUrl },
      })
      .then(function (result) {
        if (result.error) {
          message.textContent = result.error.message;
          message.hidden = false;
          button.disabled = false;
        }
      });
  });
})();
