// The checkout's address, enhanced. Without this script every field works
// as plain HTML and the server checks everything; with it:
// - the province field shows only for Morocco;
// - the delivery choices are those the server will accept for the province
//   (the narrowest zone: the province, else its region, else the rest of
//   Morocco; pick-up anywhere in Morocco; abroad outside it);
// - the town field suggests localities as one types (an ARIA 1.2 combobox
//   with a list box), and picking one fills in its province when known.
(function () {
  "use strict";
  var form = document.querySelector("form.checkout-form");
  if (!form) {
    return;
  }
  var country = form.querySelector("select[name=country]");
  var province = form.querySelector("select[name=province]");
  var city = form.querySelector("input[name=city]");
  var choices = Array.prototype.slice.call(
    form.querySelectorAll(".choice[data-zone]")
  );
  var list = null;

  function inMorocco() {
    return !country || country.value === "MA";
  }

  function regionOf(code) {
    var option = province && code ? province.querySelector('option[value="' + code + '"]') : null;
    return option ? option.getAttribute("data-region") || "" : "";
  }

  function showDeliveries() {
    var zones = choices.map(function (choice) {
      return choice.getAttribute("data-zone");
    });
    var home = "morocco";
    if (province && province.value) {
      var region = regionOf(province.value);
      if (zones.indexOf(province.value) !== -1) {
        home = province.value;
      } else if (region && zones.indexOf(region) !== -1) {
        home = region;
      }
    }
    var firstShown = null;
    var checkedShown = false;
    choices.forEach(function (choice) {
      var zone = choice.getAttribute("data-zone");
      var shown = inMorocco() ? zone === home || zone === "pickup" : zone === "abroad";
      var input = choice.querySelector("input");
      choice.hidden = !shown;
      input.disabled = !shown;
      if (!shown && input.checked) {
        input.checked = false;
      }
      if (shown && !firstShown) {
        firstShown = input;
      }
      checkedShown = checkedShown || (shown && input.checked);
    });
    if (!checkedShown && firstShown) {
      firstShown.checked = true;
    }
  }

  function showProvince() {
    if (!province) {
      return;
    }
    var field = province.closest(".field");
    if (field) {
      field.hidden = !inMorocco();
    }
  }

  if (country) {
    country.addEventListener("change", function () {
      showProvince();
      showDeliveries();
      close();
    });
  }
  if (province) {
    province.addEventListener("change", showDeliveries);
  }
  showProvince();
  showDeliveries();

  if (!city || !window.fetch || !city.getAttribute("data-places-url")) {
    return;
  }

  var url = city.getAttribute("data-places-url");
  list = document.createElement("ul");
  list.id = city.id + "_suggestions";
  list.className = "places-list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", city.getAttribute("data-places-label") || "");
  list.hidden = true;
  city.insertAdjacentElement("afterend", list);
  city.setAttribute("role", "combobox");
  city.setAttribute("aria-autocomplete", "list");
  city.setAttribute("aria-expanded", "false");
  city.setAttribute("aria-controls", list.id);

  var active = -1;
  var pending = null;
  var timer = null;

  function options() {
    return Array.prototype.slice.call(list.querySelectorAll("[role=option]"));
  }

  function close() {
    if (!list) {
      return;
    }
    list.hidden = true;
    active = -1;
    city.setAttribute("aria-expanded", "false");
    city.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    var all = options();
    active = index;
    all.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    if (all[index]) {
      city.setAttribute("aria-activedescendant", all[index].id);
      all[index].scrollIntoView({ block: "nearest" });
    } else {
      city.removeAttribute("aria-activedescendant");
    }
  }

  function choose(option) {
    city.value = option.getAttribute("data-name");
    var code = option.getAttribute("data-province");
    if (code && province && province.value !== code) {
      province.value = code;
      province.dispatchEvent(new Event("change", { bubbles: true }));
    }
    close();
  }

  function render(results) {
    list.textContent = "";
    results.forEach(function (result, index) {
      var option = document.createElement("li");
      option.id = list.id + "_" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-name", result.name);
      option.setAttribute("data-province", result.province || "");
      var name = document.createElement("span");
      name.className = "places-list__name";
      name.textContent = result.name;
      var hint = document.createElement("span");
      hint.className = "places-list__hint";
      hint.textContent = result.hint;
      option.appendChild(name);
      option.appendChild(document.createTextNode(" "));
      option.appendChild(hint);
      list.appendChild(option);
    });
    active = -1;
    list.hidden = results.length === 0;
    city.setAttribute("aria-expanded", results.length ? "true" : "false");
  }

  function lookUp() {
    var query = city.value.trim();
    if (!inMorocco() || query.length < 2) {
      close();
      return;
    }
    if (pending) {
      pending.abort();
    }
    pending = window.AbortController ? new AbortController() : null;
    var address =
      url +
      "?q=" +
      encodeURIComponent(query) +
      "&province=" +
      encodeURIComponent(province ? province.value : "");
    fetch(address, {
      headers: { Accept: "application/json" },
      signal: pending ? pending.signal : undefined,
    })
      .then(function (response) {
        return response.ok ? response.json() : { results: [] };
      })
      .then(function (answer) {
        if (city.value.trim() === query) {
          render(answer.results || []);
        }
      })
      .catch(function () {
        /* Aborted or offline: the buyer writes the town in full. */
      });
  }

  city.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(lookUp, 150);
  });
  city.addEventListener("keydown", function (event) {
    var all = options();
    if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      if (list.hidden) {
        list.hidden = false;
        city.setAttribute("aria-expanded", "true");
      }
      highlight((active + 1) % all.length);
    } else if (event.key === "ArrowUp" && all.length && !list.hidden) {
      event.preventDefault();
      highlight(active <= 0 ? all.length - 1 : active - 1);
    } else if (event.key === "Enter" && !list.hidden && all[active]) {
      event.preventDefault();
      choose(all[active]);
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      close();
    }
  });
  city.addEventListener("blur", function () {
    // After a click on an option has been handled.
    window.setTimeout(close, 150);
  });
  list.addEventListener("mousedown", function (event) {
    // Keep the focus in the field while an option is clicked.
    event.preventDefault();
  });
  list.addEventListener("click", function (event) {
    var option = event.target.closest("[role=option]");
    if (option) {
      choose(option);
      city.focus();
    }
  });
})();
