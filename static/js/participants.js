/*
 * Participant pages — progressive enhancements (every page works without them).
 *
 * 1. Availability (<form data-availability>): the "All free" / "All busy" buttons of a
 *    block ([data-block-action] inside [data-block]) tick or untick its slots at once
 *    instead of submitting; the free count and an "unsaved changes" note follow live, and
 *    leaving the page with unsaved changes asks first.
 * 2. Print version: a [data-print] button (hidden without JS) opens the print dialog.
 * 3. The tabs scroll sideways on a phone: bring the current page's tab into view.
 * 4. Catalogue marks (<form data-mark-form>): saved in place with fetch (the server answers
 *    JSON when asked for it); the pressed button, the card, the "Clear" button, the counts
 *    ([data-marked-level]) and a message in the card ([data-mark-status]) follow. Without
 *    fetch the form posts and the page comes back at the same card.
 */
(function () {
  "use strict";

  function enhanceAvailability(form) {
    var boxes = form.querySelectorAll('input[type="checkbox"][name="available"]');
    var count = form.querySelector("[data-free-count]");
    var unsaved = form.querySelector("[data-unsaved]");
    var dirty = false;

    function refresh() {
      var free = 0;
      for (var i = 0; i < boxes.length; i += 1) {
        if (boxes[i].checked) {
          free += 1;
        }
      }
      if (count) {
        count.textContent = String(free);
      }
      if (unsaved) {
        unsaved.hidden = !dirty;
      }
    }

    function changed() {
      dirty = true;
      refresh();
    }

    form.addEventListener("change", function (event) {
      if (event.target.name === "available") {
        changed();
      }
    });

    var actions = form.querySelectorAll("[data-block-action]");
    for (var i = 0; i < actions.length; i += 1) {
      actions[i].addEventListener("click", function (event) {
        event.preventDefault();
        var free = event.currentTarget.getAttribute("data-block-action") === "free";
        var block = event.currentTarget.closest("[data-block]");
        var slots = block.querySelectorAll('input[name="available"]');
        for (var j = 0; j < slots.length; j += 1) {
          slots[j].checked = free;
        }
        changed();
      });
    }

    form.addEventListener("submit", function () {
      dirty = false;
    });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  var LEVELS = ["must", "want", "maybe", "not"];

  function showMark(form, answer) {
    var buttons = form.querySelectorAll('button[name="level"]:not([data-save-note])');
    for (var i = 0; i < buttons.length; i += 1) {
      var value = buttons[i].value;
      if (value) {
        buttons[i].setAttribute("aria-pressed", value === answer.level ? "true" : "false");
      } else {
        buttons[i].hidden = !answer.level;
      }
    }
    var saveNote = form.querySelector("[data-save-note]");
    if (saveNote) {
      saveNote.value = answer.level || "";
      saveNote.hidden = !answer.level;
    }
    var card = form.closest(".person-card");
    if (card) {
      for (var j = 0; j < LEVELS.length; j += 1) {
        card.classList.toggle("person-card--" + LEVELS[j], LEVELS[j] === answer.level);
      }
    }
    var counts = answer.counts || {};
    var shown = document.querySelectorAll("[data-marked-level]");
    for (var k = 0; k < shown.length; k += 1) {
      var level = shown[k].getAttribute("data-marked-level");
      if (level in counts) {
        shown[k].textContent = String(counts[level]);
      }
    }
  }

  function say(form, text, failed) {
    var status = form.querySelector("[data-mark-status]");
    if (status) {
      status.textContent = text;
      status.classList.toggle("mark-status--error", failed);
    }
  }

  function saveMark(event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-mark-form]") || !window.fetch) {
      return;
    }
    event.preventDefault();
    var data = new FormData(form);
    var submitter = event.submitter;
    if (submitter && submitter.name) {
      data.set(submitter.name, submitter.value);
    }
    form.setAttribute("aria-busy", "true");
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (answer) {
        if (answer.ok) {
          showMark(form, answer);
        }
        say(form, answer.message, !answer.ok);
      })
      .catch(function () {
        say(form, window.matchmaker.text("save_failed"), true);
      })
      .then(function () {
        form.removeAttribute("aria-busy");
      });
  }

  document.addEventListener("submit", saveMark);

  var availability = document.querySelector("form[data-availability]");
  if (availability) {
    enhanceAvailability(availability);
  }

  var currentTab = document.querySelector('.tabs a[aria-current="page"]');
  if (currentTab) {
    var tabs = currentTab.closest(".tabs");
    if (tabs.scrollWidth > tabs.clientWidth) {
      var tab = currentTab.getBoundingClientRect();
      var strip = tabs.getBoundingClientRect();
      tabs.scrollLeft += tab.left - strip.left - (strip.width - tab.width) / 2;
    }
  }

  var printButtons = document.querySelectorAll("[data-print]");
  for (var k = 0; k < printButtons.length; k += 1) {
    printButtons[k].hidden = false;
    printButtons[k].addEventListener("click", function () {
      window.print();
    });
  }
})();
