/* Character counter for text fields with a limit (progressive enhancement).
 *
 * The server enforces every limit (core/text_input.py); the page carries it as
 * maxlength and, for multi-line fields, in the hint ("Höchstens 2.000 Zeichen."). This
 * script adds a counter under every textarea with maxlength ("120 von 2.000 Zeichen");
 * single-line fields show it only near their limit. Screen readers hear nothing while
 * the text is short: a polite live region speaks once when the text comes near the
 * limit (90 %) and once when it reaches it, not at every key. A line break counts as
 * one character, as the browser and the server count it. The words come translated
 * from the script tag's data attributes (templates/base.html). Without JavaScript the
 * hint and maxlength remain.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !window.Intl) {
    return;
  }
  var words = {
    count: script.getAttribute("data-count"),
    near: script.getAttribute("data-near"),
    full: script.getAttribute("data-full"),
    over: script.getAttribute("data-over"),
  };
  var NEAR = 0.9;
  var SELECTOR =
    "textarea[maxlength], input[maxlength]:is([type=text], [type=search], [type=email], [type=url], [type=tel], :not([type]))";
  var numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);

  function fill(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (match, key) {
      return key in values ? numbers.format(values[key]) : match;
    });
  }

  function state(count, limit) {
    if (count > limit) {
      return "over";
    }
    if (count === limit) {
      return "full";
    }
    return count >= Math.ceil(limit * NEAR) ? "near" : "short";
  }

  function attach(field) {
    var limit = parseInt(field.getAttribute("maxlength"), 10);
    if (!(limit > 0) || field.hasAttribute("data-text-counter")) {
      return;
    }
    field.setAttribute("data-text-counter", "");
    var multiline = field.tagName === "TEXTAREA";
    var counter = document.createElement("p");
    counter.className = "kern-hint portal-text-counter";
    var live = document.createElement("span");
    live.className = "kern-sr-only";
    live.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    counter.insertAdjacentElement("afterend", live);
    var last = null;

    function update(announce) {
      // The value the browser holds has LF line breaks: one character each.
      var count = field.value.length;
      var now = state(count, limit);
      var values = { count: count, limit: limit, remaining: limit - count, excess: count - limit };
      var text = fill(words.count, values);
      if (now === "over") {
        text += " – " + fill(words.over, values);
      }
      counter.textContent = text;
      counter.hidden = !multiline && now === "short";
      if (announce && now !== last) {
        // Spoken only on the way into "near" and "full" (or beyond), once each.
        live.textContent = now === "short" ? "" : fill(words[now], values);
      }
      last = now;
    }

    field.addEventListener("input", function () {
      update(true);
    });
    update(false);
  }

  document.querySelectorAll(SELECTOR).forEach(attach);
})();
