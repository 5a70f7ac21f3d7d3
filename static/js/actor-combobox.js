/* Actor combobox: suggestions while a coordinator types the name of an actor.
 *
 * The WAI-ARIA APG pattern "editable combobox with list autocomplete": the field keeps
 * the focus (role=combobox); the suggestions are a listbox below it; Down and Up move
 * the visual focus through them (aria-activedescendant, wrapping round), Alt+Down opens
 * the list, Enter chooses, Escape closes the list (or, when it is closed, clears the
 * field), Home, End, Left and Right return to editing the text. A polite live region
 * says how many actors were found ("5 Treffer") and which one was chosen.
 *
 * Choosing ticks the actor in the picker's fieldset (data-picks), or adds it there
 * ticked, so that the form below sends it as before; the server checks it again.
 *
 * Without JavaScript nothing is lost: the field is the search of a GET form and the
 * fieldset lists the actors it found (networks/includes/actor_combobox.html and
 * actor_picks.html). The texts come translated from the data-text-* attributes.
 */
(function () {
  "use strict";

  var DELAY = 250; // milliseconds after the last key before the server is asked
  var MIN_LENGTH = 2; // characters before anything is suggested ("KI", "BA")

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function Combobox(root) {
    this.root = root;
    this.input = root.querySelector("input");
    this.picks = document.getElementById(root.getAttribute("data-picks"));
    this.url = root.getAttribute("data-url");
    this.pickName = root.getAttribute("data-field");
    this.pickType = root.getAttribute("data-pick-type") === "radio" ? "radio" : "checkbox";
    this.options = [];
    this.active = -1;
    this.timer = null;
    this.sayTimer = null;
    this.request = null;
    this.build();
  }

  Combobox.prototype = {
    build: function () {
      var input = this.input;
      this.listbox = element("ul", "networks-combobox__listbox");
      this.listbox.id = input.id + "-vorschlaege";
      this.listbox.setAttribute("role", "listbox");
      this.listbox.setAttribute("aria-label", this.text("listbox"));
      this.listbox.hidden = true;
      input.insertAdjacentElement("afterend", this.listbox);

      this.status = element("div", "kern-sr-only");
      this.status.setAttribute("role", "status");
      this.status.setAttribute("aria-live", "polite");
      this.status.setAttribute("aria-atomic", "true");
      this.root.appendChild(this.status);

      input.setAttribute("role", "combobox");
      input.setAttribute("aria-autocomplete", "list");
      input.setAttribute("aria-expanded", "false");
      input.setAttribute("aria-controls", this.listbox.id);
      input.setAttribute("autocomplete", "off");

      input.addEventListener("input", this.onInput.bind(this));
      input.addEventListener("keydown", this.onKey.bind(this));
      input.addEventListener("blur", this.close.bind(this));
      // A click on a suggestion must not take the focus from the field.
      this.listbox.addEventListener("mousedown", function (event) {
        event.preventDefault();
      });
      this.listbox.addEventListener("click", this.onClick.bind(this));
    },

    text: function (name) {
      return this.root.getAttribute("data-text-" + name) || "";
    },

    isOpen: function () {
      return !this.listbox.hidden;
    },

    open: function () {
      if (this.options.length) {
        this.listbox.hidden = false;
        this.input.setAttribute("aria-expanded", "true");
      }
    },

    close: function () {
      this.listbox.hidden = true;
      this.input.setAttribute("aria-expanded", "false");
      this.setActive(-1);
    },

    setActive: function (index) {
      this.options.forEach(function (option, i) {
        option.element.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      this.active = index;
      if (index < 0) {
        this.input.removeAttribute("aria-activedescendant");
        return;
      }
      var option = this.options[index].element;
      this.input.setAttribute("aria-activedescendant", option.id);
      if (option.scrollIntoView) {
        option.scrollIntoView({ block: "nearest" });
      }
    },

    move: function (step) {
      var count = this.options.length;
      if (!this.isOpen()) {
        this.open();
        this.setActive(step > 0 ? 0 : count - 1);
        return;
      }
      if (this.active < 0) {
        this.setActive(step > 0 ? 0 : count - 1);
        return;
      }
      this.setActive((this.active + step + count) % count);
    },

    say: function (message) {
      var status = this.status;
      window.clearTimeout(this.sayTimer);
      status.textContent = "";
      if (message) {
        // Emptied first and filled a moment later, so that the same words are said again.
        this.sayTimer = window.setTimeout(function () {
          status.textContent = message;
        }, 100);
      }
    },

    onInput: function () {
      var text = this.input.value.trim();
      window.clearTimeout(this.timer);
      this.setActive(-1);
      if (text.length < MIN_LENGTH) {
        this.abort();
        this.show([]);
        this.say("");
        return;
      }
      this.timer = window.setTimeout(this.fetch.bind(this, text), DELAY);
    },

    abort: function () {
      if (this.request) {
        this.request.abort();
        this.request = null;
      }
    },

    fetch: function (text) {
      var self = this;
      var controller = new AbortController();
      var url = this.url + (this.url.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(text);
      this.abort();
      this.request = controller;
      window
        .fetch(url, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
          signal: controller.signal,
        })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          if (self.request !== controller) {
            return;
          }
          self.request = null;
          self.show(data.results || []);
          self.announce(data.results || [], data.more);
        })
        .catch(function (error) {
          if (error && error.name === "AbortError") {
            return;
          }
          self.request = null;
          self.show([]);
          self.say(self.text("failed"));
        });
    },

    show: function (results) {
      var self = this;
      var listbox = this.listbox;
      var focused = document.activeElement === this.input;
      listbox.textContent = "";
      this.active = -1;
      this.input.removeAttribute("aria-activedescendant");
      this.options = results.map(function (item, index) {
        var option = element("li", "networks-combobox__option");
        option.id = listbox.id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var name = item.short_name ? item.name + " (" + item.short_name + ")" : item.name;
        option.appendChild(element("span", "networks-combobox__name", name));
        option.appendChild(element("span", "kern-sr-only", ", "));
        var meta = [item.level, item.municipality].filter(Boolean).join(" · ");
        option.appendChild(element("span", "networks-combobox__meta", meta));
        listbox.appendChild(option);
        return { element: option, data: item };
      });
      if (this.options.length && focused) {
        this.open();
      } else {
        self.close();
      }
    },

    announce: function (results, more) {
      var count = results.length;
      var message;
      if (!count) {
        message = this.text("none");
      } else if (more) {
        message = format(this.text("more"), { count: count });
      } else if (count === 1) {
        message = this.text("one");
      } else {
        message = format(this.text("many"), { count: count });
      }
      this.say(message);
    },

    onKey: function (event) {
      if (event.isComposing) {
        return;
      }
      var key = event.key;
      if (key === "ArrowDown" || key === "Down") {
        if (!this.options.length) {
          return;
        }
        event.preventDefault();
        if (event.altKey) {
          this.open();
        } else {
          this.move(1);
        }
      } else if (key === "ArrowUp" || key === "Up") {
        if (!this.options.length) {
          return;
        }
        event.preventDefault();
        this.move(-1);
      } else if (key === "Enter") {
        if (this.isOpen() && this.active >= 0) {
          event.preventDefault();
          this.choose(this.active);
        } else {
          this.close(); // and the search form is sent, as without JavaScript
        }
      } else if (key === "Escape" || key === "Esc") {
        if (this.isOpen()) {
          event.preventDefault();
          this.close();
        } else if (this.input.value) {
          event.preventDefault();
          this.input.value = "";
          this.show([]);
          this.say("");
        }
      } else if (key === "Home" || key === "End" || key === "ArrowLeft" || key === "ArrowRight") {
        // Back to editing the text: the caret moves as usual.
        this.setActive(-1);
      } else if (key === "Tab") {
        this.close();
      }
    },

    onClick: function (event) {
      var target = event.target.closest("[role='option']");
      if (!target) {
        return;
      }
      for (var i = 0; i < this.options.length; i += 1) {
        if (this.options[i].element === target) {
          this.choose(i);
          return;
        }
      }
    },

    choose: function (index) {
      var item = this.options[index].data;
      var pick = this.pick(item);
      if (pick) {
        pick.checked = true;
        pick.dispatchEvent(new Event("change", { bubbles: true }));
      }
      this.input.value = item.name;
      this.close();
      this.say(format(this.text("chosen"), { name: item.name }));
    },

    /* The checkbox or radio button of the actor in the picker; added on top if the
       list does not show the actor yet. */
    pick: function (item) {
      if (!this.picks) {
        return null;
      }
      var value = String(item.id);
      var inputs = this.picks.querySelectorAll("input");
      for (var i = 0; i < inputs.length; i += 1) {
        if (inputs[i].name === this.pickName && inputs[i].value === value) {
          return inputs[i];
        }
      }
      var body = this.picks.querySelector(".kern-fieldset__body") || this.picks;
      var id = this.picks.id + "_vorschlag_" + value;
      var wrapper = element("div", "kern-form-check");
      var input = element(
        "input",
        this.pickType === "radio" ? "kern-form-check__radio" : "kern-form-check__checkbox"
      );
      input.type = this.pickType;
      input.name = this.pickName;
      input.value = value;
      input.id = id;
      var label = element("label", "kern-label", item.label);
      label.htmlFor = id;
      wrapper.appendChild(input);
      wrapper.appendChild(label);
      body.insertBefore(wrapper, body.firstChild);
      body.scrollTop = 0;
      var empty = body.querySelector("[data-actor-picks-empty]");
      if (empty) {
        empty.hidden = true;
      }
      return input;
    },
  };

  document.querySelectorAll("[data-actor-combobox]").forEach(function (root) {
    if (root.querySelector("input") && root.getAttribute("data-url") && window.fetch) {
      new Combobox(root);
    }
  });
})();
