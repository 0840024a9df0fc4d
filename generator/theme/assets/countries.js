// Progressive enhancement of the country tracker; every page works without this file.
// - The country table ([data-tx-table-tools]) gets a filter box and sortable columns.
// - The country picker ([data-tx-picker]), a list of links grouped by status, becomes a
//   filter box and a select box with a button that opens the chosen country's page.
(function () {
  "use strict";

  function fold(text) {
    // Accents, case, Arabic vowel marks and hamza forms, and the shape of an apostrophe do
    // not matter when filtering: "cote d'ivoire" finds "Côte d’Ivoire", "اران" finds "إيران".
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, "")
      .replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
      .toLowerCase()
      .trim();
  }

  function rowNames(row) {
    // The name shown, and the other names readers type for it ("Turkey", "Ivory Coast",
    // "USA"), which the generator lists in data-names.
    return fold(row.cells[0].textContent + "|" + (row.getAttribute("data-names") || ""));
  }

  function cellValue(row, index) {
    var cell = row.cells[index];
    // Dates carry their ISO value; an empty one means "not recorded".
    return cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
  }

  function sortable(table) {
    var lang = document.documentElement.lang || "en";
    var body = table.tBodies[0];
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      if (!th.hasAttribute("data-sort")) {
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "tx-sort";
      while (th.firstChild) {
        button.appendChild(th.firstChild);
      }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) {
          other.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index);
          var y = cellValue(b, index);
          // Empty dates sort last either way: "not recorded" is not the oldest date.
          if (!x || !y) {
            return x === y ? 0 : x ? -1 : 1;
          }
          var order = x.localeCompare(y, lang, { sensitivity: "base", numeric: true });
          return ascending ? order : -order;
        });
        rows.forEach(function (row) {
          body.appendChild(row);
        });
      });
    });
  }

  // A labelled search box and the status line that announces how many are shown, or that
  // none matches; `show` is given what was typed, folded, and returns how many it shows.
  // The words are the box's (data-filter-label, data-shown, data-none), the same for the
  // table and the picker.
  function filterBox(box, id, show) {
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.textContent = box.getAttribute("data-filter-label") || "Filter";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.className = "tx-filter__input";
    input.setAttribute("autocomplete", "off");
    var status = document.createElement("p");
    status.className = "tx-filter__status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var row = document.createElement("div");
    row.className = "tx-filter";
    row.appendChild(label);
    row.appendChild(input);
    row.appendChild(status);
    var shown = box.getAttribute("data-shown") || "Shown:";
    var none = box.getAttribute("data-none") || "Nothing matches.";
    input.addEventListener("input", function () {
      var wanted = fold(input.value);
      var count = show(wanted);
      status.textContent = !wanted ? "" : count ? shown + " " + count : none;
      status.classList.toggle("tx-filter__status--none", Boolean(wanted) && !count);
    });
    return { row: row, input: input };
  }

  function filterable(box, table) {
    var filter = filterBox(box, "tx-filter-" + (table.id || "table"), function (wanted) {
      var count = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var match = !wanted || rowNames(row).indexOf(wanted) !== -1;
        row.hidden = !match;
        count += match ? 1 : 0;
      });
      return count;
    });
    box.parentNode.insertBefore(filter.row, box);
  }

  function labelGroup(g, shown) {
    g.group.label = g.name ? g.name + " (" + shown + ")" : "";
  }

  function picker(box) {
    var links = box.querySelectorAll("a[data-code]");
    if (!links.length) {
      return;
    }
    var id = "tx-picker-select";
    var form = document.createElement("form");
    form.className = "tx-picker__form";
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.textContent = box.getAttribute("data-label") || "Country";
    var select = document.createElement("select");
    select.id = id;
    // A first option that is no country, so that nobody is sent to the first one in the
    // list by mistake; `required` makes it the select box's placeholder.
    select.required = true;
    var placeholder = document.createElement("option");
    placeholder.value = "";
    placeholder.textContent = box.getAttribute("data-choose") || "Choose a country";
    select.appendChild(placeholder);
    var groups = [];
    Array.prototype.forEach.call(box.querySelectorAll(".tx-picker__list"), function (list) {
      var heading = document.getElementById(list.getAttribute("aria-labelledby"));
      var group = document.createElement("optgroup");
      // The status, without the heading's count: the count is the group's at each filter.
      var state = heading && (heading.querySelector(".tx-state") || heading);
      var name = state ? state.textContent.replace(/\s+/g, " ").trim().replace(/ ?\(\d+\)$/, "") : "";
      var options = [];
      Array.prototype.forEach.call(list.querySelectorAll("a[data-code]"), function (link) {
        var option = document.createElement("option");
        option.value = link.href;
        option.textContent = link.textContent;
        options.push({ option: option, names: fold(link.textContent + "|" + (link.getAttribute("data-names") || "")) });
        group.appendChild(option);
      });
      groups.push({ group: group, name: name, options: options });
      labelGroup(groups[groups.length - 1], options.length);
      select.appendChild(group);
    });
    // A filter box first: a reader types "USA", "Turkey" or "Ivory Coast" (the names in
    // data-names) and the select box keeps only the countries that match. Options are
    // taken out and put back rather than hidden: not every browser hides an option. One
    // match is chosen at once, so that Enter opens it.
    var filter = filterBox(box, id + "-filter", function (wanted) {
      var matches = [];
      groups.forEach(function (g) {
        while (g.group.firstChild) {
          g.group.removeChild(g.group.firstChild);
        }
        var before = matches.length;
        g.options.forEach(function (o) {
          if (!wanted || o.names.indexOf(wanted) !== -1) {
            g.group.appendChild(o.option);
            matches.push(o.option);
          }
        });
        labelGroup(g, matches.length - before);
      });
      // Every group with a match, in order (appending moves one that is there to the end).
      groups.forEach(function (g) {
        if (g.group.firstChild) {
          select.appendChild(g.group);
        } else if (g.group.parentNode) {
          select.removeChild(g.group);
        }
      });
      select.value = matches.length === 1 ? matches[0].value : "";
      return matches.length;
    });
    filter.input.setAttribute("aria-controls", id);
    var button = document.createElement("button");
    button.type = "submit";
    button.className = "md-button md-button--primary";
    button.textContent = box.getAttribute("data-go") || "Go";
    form.appendChild(filter.row);
    form.appendChild(label);
    form.appendChild(select);
    form.appendChild(button);
    // Navigation waits for the button (or Enter): moving through the options with the
    // keyboard must not leave the page.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (select.value) {
        window.location.href = select.value;
      } else {
        select.focus();
      }
    });
    Array.prototype.forEach.call(box.children, function (child) {
      child.hidden = true;
    });
    box.insertBefore(form, box.firstChild);
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-tx-table-tools]"), function (box) {
    var table = box.querySelector("table");
    if (table && table.tBodies.length && table.tHead) {
      sortable(table);
      filterable(box, table);
    }
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-tx-picker]"), picker);
})();
