/*
 * A box that narrows a long list of check boxes (every unit of the municipality) as the
 * user types. Without JavaScript the box stays hidden and the whole list is there to tick.
 * Ticked options always stay in view, so the filter never hides a choice already made.
 */
(function () {
  "use strict";

  function fold(text) {
    return text.toLocaleLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function setUp(picker) {
    var box = picker.querySelector("[data-choice-filter-box]");
    var input = box && box.querySelector("input");
    var status = picker.querySelector("[data-choice-filter-status]");
    if (!input) {
      return;
    }
    var options = Array.prototype.map.call(picker.querySelectorAll("[data-choice]"), function (el) {
      return { el: el, text: fold(el.textContent), check: el.querySelector("input") };
    });
    var groups = Array.prototype.map.call(picker.querySelectorAll("[data-choice-group]"), function (el) {
      var legend = el.querySelector("legend");
      return { el: el, text: fold(legend ? legend.textContent : "") };
    });

    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      groups.forEach(function (group) {
        var any = false;
        Array.prototype.forEach.call(group.el.querySelectorAll("[data-choice]"), function (el) {
          var option = options.find(function (o) { return o.el === el; });
          var haystack = group.text + " " + option.text;
          var match = words.every(function (word) { return haystack.indexOf(word) !== -1; });
          var visible = match || option.check.checked;
          el.hidden = !visible;
          if (visible) {
            any = true;
            shown += 1;
          }
        });
        group.el.hidden = !any;
      });
      if (status) {
        status.textContent = words.length
          ? input.dataset.status.replace("{count}", shown).replace("{total}", options.length)
          : "";
      }
    }

    input.addEventListener("input", apply);
    // Enter in the box filters; it must not send the whole form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        apply();
      }
    });
    box.hidden = false;
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-choice-filter]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
