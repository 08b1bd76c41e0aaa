/*
 * Participant pages — progressive enhancements (every page works without them).
 *
 * 1. Availability (<form data-availability>): the "All free" / "All busy" buttons of a
 *    block ([data-block-action] inside [data-block]) tick or untick its slots at once
 *    instead of submitting; the free count and an "unsaved changes" note follow live, and
 *    leaving the page with unsaved changes asks first.
 * 2. Print version: a [data-print] button (hidden without JS) opens the print dialog.
 * 3. The tabs scroll sideways on a phone: bring the current page's tab into view.
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
