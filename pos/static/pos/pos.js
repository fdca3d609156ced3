/* Tadamon point of sale: sells offline from the session's cached
   catalogue, keeps every sale in IndexedDB with the device's id and its own
   receipt number, and sends them when the network is there. The server
   accepts each sale once, by the id made here, so sending again is safe. */
"use strict";

(function () {
  const config = JSON.parse(document.getElementById("pos-config").textContent);
  const text = JSON.parse(document.getElementById("pos-text").textContent);
  const receipts = JSON.parse(document.getElementById("pos-receipts").textContent);
  const $ = (id) => document.getElementById(id);

  const state = { db: null, deviceId: null, sessions: [], session: null, lines: [], syncing: false };

  // IndexedDB -----------------------------------------------------------
  function openDb() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open("tadamon-pos", 1);
      request.onupgradeneeded = () => {
        const db = request.result;
        db.createObjectStore("meta");
        const sales = db.createObjectStore("sales", { keyPath: "id" });
        sales.createIndex("state", "state");
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  function tx(stores, mode, work) {
    return new Promise((resolve, reject) => {
      const transaction = state.db.transaction(stores, mode);
      let result;
      transaction.oncomplete = () => resolve(result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
      result = work(transaction);
    });
  }

  function req(request) {
    return new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function metaGet(key) {
    const transaction = state.db.transaction("meta", "readonly");
    return req(transaction.objectStore("meta").get(key));
  }

  function metaSet(key, value) {
    return tx("meta", "readwrite", (t) => { t.objectStore("meta").put(value, key); });
  }

  async function allSales() {
    const transaction = state.db.transaction("sales", "readonly");
    const sales = await req(transaction.objectStore("sales").getAll());
    return sales.sort((a, b) => a.receipt_number - b.receipt_number);
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  // Money -----------------------------------------------------------------
  function money(centimes, language) {
    return new Intl.NumberFormat(language || config.language, {
      style: "currency", currency: "MAD", minimumFractionDigits: 2,
    }).format(centimes / 100);
  }

  function parseCentimes(raw) {
    const cleaned = String(raw || "").trim().replace(",", ".");
    if (!/^\d{1,7}(\.\d{1,2})?$/.test(cleaned)) {
      return null;
    }
    const [whole, fraction = ""] = cleaned.split(".");
    return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  }

  // Messages -------------------------------------------------------------
  function say(message) {
    const box = $("pos-message");
    box.textContent = message || "";
    box.hidden = !message;
  }

  async function showStatus() {
    const waiting = (await allSales()).filter((s) => s.state === "pending").length;
    const status = navigator.onLine ? text.online : text.offline;
    $("pos-status").textContent = `${status} · ${text.waiting} ${waiting}`;
    $("pos-status").dataset.waiting = String(waiting);
  }

  // Sessions and catalogue -----------------------------------------------
  async function getJson(url) {
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (response.status === 403) {
      throw new Error("login");
    }
    if (!response.ok) {
      throw new Error(String(response.status));
    }
    return response.json();
  }

  async function loadSessions() {
    try {
      const data = await getJson(config.sessions);
      state.sessions = data.sessions;
      await metaSet("sessions", state.sessions);
      for (const session of state.sessions) {
        const catalogue = await getJson(session.url);
        await metaSet(`catalogue:${session.id}`, catalogue);
      }
    } catch (error) {
      state.sessions = (await metaGet("sessions")) || [];
      if (error.message === "login") {
        say(text.login);
      }
    }
    const select = $("pos-session");
    select.replaceChildren();
    for (const session of state.sessions) {
      const option = document.createElement("option");
      option.value = String(session.id);
      option.textContent = session.label;
      select.append(option);
    }
    const chosen = await metaGet("session");
    if (state.sessions.some((s) => s.id === chosen)) {
      select.value = String(chosen);
    }
    await chooseSession(Number(select.value) || null);
  }

  async function chooseSession(sessionId) {
    const same = state.session && state.session.id === sessionId;
    state.session = sessionId ? await metaGet(`catalogue:${sessionId}`) : null;
    if (!same || !state.session) {
      state.lines = []; // a sale belongs to one session's stock
    }
    state.lines = state.lines.filter((line) => itemFor(line.lot));
    if (sessionId) {
      await metaSet("session", sessionId);
    }
    say(state.session ? "" : text.noSession);
    await renderProducts();
    renderSale();
  }

  async function unitsPending(lotId) {
    let units = 0;
    for (const sale of await allSales()) {
      if (sale.state === "pending" && sale.session === state.session.id) {
        for (const line of sale.lines) {
          if (line.lot === lotId) {
            units += line.quantity;
          }
        }
      }
    }
    return units;
  }

  async function renderProducts() {
    const list = $("pos-products");
    list.replaceChildren();
    if (!state.session) {
      return;
    }
    for (const item of state.session.items) {
      const left = item.at_place - (await unitsPending(item.lot));
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "pos-product";
      button.dataset.lot = String(item.lot);
      const name = productName(item, config.language);
      const price = document.createElement("bdi");
      price.textContent = money(item.price);
      const stock = document.createElement("small");
      const code = document.createElement("bdi");
      code.textContent = item.code;
      stock.append(code, ` · ${Math.max(left, 0)} ${text.left}`);
      button.append(name, price, stock);
      button.addEventListener("click", () => addLot(item.lot));
      li.append(button);
      list.append(li);
    }
  }

  // The sale being built ---------------------------------------------------
  function itemFor(lotId) {
    return state.session && state.session.items.find((item) => item.lot === lotId);
  }

  function addLot(lotId) {
    const line = state.lines.find((l) => l.lot === lotId);
    if (line) {
      line.quantity += 1;
    } else {
      state.lines.push({ lot: lotId, quantity: 1 });
    }
    $("pos-receipt").hidden = true;
    say("");
    renderSale();
  }

  function normaliseCode(raw) {
    // A lot's QR code holds the address of its public page, /lot/<code>/.
    const parts = String(raw || "").trim().split("/").filter(Boolean);
    return (parts.pop() || "").toUpperCase();
  }

  function addByCode(raw) {
    const code = normaliseCode(raw);
    const item = state.session && state.session.items.find(
      (i) => i.public_code.toUpperCase() === code || i.code.toUpperCase() === code
    );
    if (!item) {
      say(text.unknownCode);
      return false;
    }
    addLot(item.lot);
    return true;
  }

  function saleTotal() {
    return state.lines.reduce((sum, line) => sum + itemFor(line.lot).price * line.quantity, 0);
  }

  function method() {
    return document.querySelector("input[name=method]:checked").value;
  }

  function renderSale() {
    const list = $("pos-lines");
    list.replaceChildren();
    for (const line of state.lines) {
      const item = itemFor(line.lot);
      const li = document.createElement("li");
      const label = document.createElement("span");
      label.append(`${line.quantity} × `, productName(item, config.language));
      const amount = document.createElement("bdi");
      amount.textContent = money(item.price * line.quantity);
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "pos-remove";
      remove.textContent = text.remove;
      remove.addEventListener("click", () => {
        state.lines = state.lines.filter((l) => l !== line);
        renderSale();
      });
      li.append(label, amount, remove);
      list.append(li);
    }
    $("pos-total").textContent = money(saleTotal());
    const card = method() === "card";
    $("pos-cash-row").hidden = card;
    $("pos-card-row").hidden = !card;
    const given = parseCentimes($("pos-cash").value);
    $("pos-change").textContent = given === null ? "—" : money(Math.max(given - saleTotal(), 0));
  }

  async function recordSale(event) {
    event.preventDefault();
    if (!state.session || !state.lines.length) {
      say(text.emptySale);
      return;
    }
    const total = saleTotal();
    const paidBy = method();
    let cash = 0;
    const reference = $("pos-reference").value.trim();
    if (paidBy === "cash") {
      cash = parseCentimes($("pos-cash").value);
      if (cash === null) {
        cash = total; // the exact amount: no change to give
      }
      if (cash < total) {
        say(text.notEnoughCash);
        return;
      }
    } else if (!reference) {
      say(text.needReference);
      return;
    }
    const sale = {
      id: newId(),
      session: state.session.id,
      receipt_number: 0,
      made_at: new Date().toISOString(),
      language: $("pos-receipt-language").value,
      payment_method: paidBy,
      cash_received: paidBy === "cash" ? cash : 0,
      card_reference: paidBy === "card" ? reference : "",
      lines: state.lines.map((l) => ({ lot: l.lot, quantity: l.quantity })),
      total,
      items: state.lines.map((l) => ({ ...itemFor(l.lot), quantity: l.quantity })),
      state: "pending",
    };
    // The receipt number and the sale are written in one transaction.
    await tx(["meta", "sales"], "readwrite", (t) => {
      const meta = t.objectStore("meta");
      const get = meta.get("nextReceipt");
      get.onsuccess = () => {
        sale.receipt_number = get.result || 1;
        meta.put(sale.receipt_number + 1, "nextReceipt");
        t.objectStore("sales").add(sale);
      };
    });
    state.lines = [];
    $("pos-cash").value = "";
    $("pos-reference").value = "";
    showReceipt(sale);
    say(text.recorded);
    renderSale();
    await renderSales();
    await renderProducts();
    sync();
  }

  // A product's name in `language` (the till's or the receipt's), in a
  // span that says the name's own language where it fell back to another
  // one (a product named only in Arabic on a French till): the server sends
  // that language with each name.
  function productName(item, language) {
    const span = document.createElement("span");
    span.textContent = item.names[language] || item.names.fr;
    const own = (item.name_languages || {})[language];
    if (own && own.lang) {
      span.lang = own.lang;
      span.dir = own.dir;
    }
    return span;
  }

  // Receipt ------------------------------------------------------------------
  function showReceipt(sale) {
    const words = receipts[sale.language] || receipts[config.language];
    const box = $("pos-receipt");
    box.lang = sale.language;
    box.dir = words.dir;
    $("pos-receipt-title").textContent = `${words.receipt} `;
    const number = document.createElement("bdi");
    number.textContent = `${state.deviceId.slice(0, 8)}-${sale.receipt_number}`;
    $("pos-receipt-title").append(number);
    const body = $("pos-receipt-body");
    body.replaceChildren();
    const list = document.createElement("ul");
    for (const item of sale.items) {
      const li = document.createElement("li");
      const name = document.createElement("span");
      name.append(`${item.quantity} × `, productName(item, sale.language));
      const amount = document.createElement("bdi");
      amount.textContent = money(item.price * item.quantity, sale.language);
      li.append(name, " ", amount);
      list.append(li);
    }
    body.append(list);
    const rows = [[words.total, money(sale.total, sale.language)]];
    if (sale.payment_method === "cash") {
      rows.push([words.cash, ""]);
      rows.push([words.given, money(sale.cash_received, sale.language)]);
      rows.push([words.change, money(sale.cash_received - sale.total, sale.language)]);
    } else {
      rows.push([words.card, ""]);
      rows.push([words.reference, sale.card_reference]);
    }
    for (const [label, value] of rows) {
      const p = document.createElement("p");
      const v = document.createElement("bdi");
      v.textContent = value;
      p.append(`${label} `, v);
      body.append(p);
    }
    const when = document.createElement("p");
    when.textContent = new Date(sale.made_at).toLocaleString(sale.language);
    const thanks = document.createElement("p");
    thanks.textContent = words.thanks;
    body.append(when, thanks);
    box.hidden = false;
  }

  async function renderSales() {
    const list = $("pos-sales");
    list.replaceChildren();
    for (const sale of (await allSales()).reverse()) {
      const li = document.createElement("li");
      li.className = `pos-sale pos-sale-${sale.state}`;
      li.dataset.id = sale.id;
      li.dataset.state = sale.state;
      const number = document.createElement("bdi");
      number.textContent = `#${sale.receipt_number}`;
      const amount = document.createElement("bdi");
      amount.textContent = money(sale.total);
      const note = sale.state === "pending" ? text.pending
        : sale.result === "shortfall" ? text.shortfall
          : sale.result === "rejected" ? text.rejected : text.synced;
      li.append(number, " ", amount, ` · ${note}`);
      li.addEventListener("click", () => showReceipt(sale));
      list.append(li);
    }
    await showStatus();
  }

  // Synchronisation ------------------------------------------------------------
  async function sync() {
    if (state.syncing || !navigator.onLine) {
      await showStatus();
      return;
    }
    state.syncing = true;
    try {
      const pending = (await allSales()).filter((s) => s.state === "pending");
      const bySession = new Map();
      for (const sale of pending) {
        if (!bySession.has(sale.session)) {
          bySession.set(sale.session, []);
        }
        bySession.get(sale.session).push(sale);
      }
      if (!bySession.size) {
        return;
      }
      const token = (await getJson(config.csrf)).token;
      for (const [sessionId, sales] of bySession) {
        const url = `${config.scope}api/sessions/${sessionId}/sync/`;
        const response = await fetch(url, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRFToken": token },
          body: JSON.stringify({
            device: state.deviceId,
            sales: sales.map((s) => ({
              id: s.id,
              receipt_number: s.receipt_number,
              made_at: s.made_at,
              language: s.language,
              payment_method: s.payment_method,
              cash_received: s.cash_received,
              card_reference: s.card_reference,
              lines: s.lines,
            })),
          }),
        });
        if (!response.ok) {
          continue; // kept, sent again next time
        }
        const results = (await response.json()).results;
        await tx("sales", "readwrite", (t) => {
          const store = t.objectStore("sales");
          for (const result of results) {
            const sale = sales.find((s) => s.id === result.id);
            if (sale) {
              sale.state = "synced";
              sale.result = result.status === "duplicate" ? "accepted" : result.status;
              sale.order = result.order || null;
              store.put(sale);
            }
          }
        });
      }
      await loadSessions();
    } catch (error) {
      if (error.message === "login") {
        say(text.login);
      }
    } finally {
      state.syncing = false;
      await renderSales();
    }
  }

  // Scanning -------------------------------------------------------------------
  async function scan() {
    const video = $("pos-video");
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch (error) {
      $("pos-code").focus();
      return;
    }
    const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    video.srcObject = stream;
    video.hidden = false;
    await video.play();
    const stop = () => {
      stream.getTracks().forEach((track) => track.stop());
      video.hidden = true;
    };
    const started = Date.now();
    const look = async () => {
      try {
        const codes = await detector.detect(video);
        if (codes.length && addByCode(codes[0].rawValue)) {
          stop();
          return;
        }
      } catch (error) {
        stop();
        return;
      }
      if (Date.now() - started > 30000) {
        stop();
        return;
      }
      setTimeout(look, 250);
    };
    look();
  }

  // Start ------------------------------------------------------------------------
  async function start() {
    state.db = await openDb();
    state.deviceId = await metaGet("device");
    if (!state.deviceId) {
      state.deviceId = newId();
      await metaSet("device", state.deviceId);
    }
    document.body.dataset.device = state.deviceId;
    $("pos-session").addEventListener("change", (e) => chooseSession(Number(e.target.value)));
    $("pos-code-form").addEventListener("submit", (event) => {
      event.preventDefault();
      if (addByCode($("pos-code").value)) {
        $("pos-code").value = "";
      }
    });
    $("pos-pay-form").addEventListener("submit", recordSale);
    $("pos-pay-form").addEventListener("input", renderSale);
    $("pos-pay-form").addEventListener("change", renderSale);
    $("pos-sync").addEventListener("click", sync);
    $("pos-print").addEventListener("click", () => window.print());
    $("pos-new").addEventListener("click", () => { $("pos-receipt").hidden = true; say(""); });
    if ("BarcodeDetector" in window && navigator.mediaDevices) {
      $("pos-scan").hidden = false;
      $("pos-scan").addEventListener("click", scan);
    }
    window.addEventListener("online", sync);
    window.addEventListener("offline", showStatus);
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.register(config.worker, { scope: config.scope }).catch(() => {});
    }
    await loadSessions();
    await renderSales();
    document.body.dataset.ready = "1";
    sync();
    setInterval(sync, 60000);
  }

  start();
}());
