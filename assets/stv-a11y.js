// Accessibility of what Dash and Plotly draw (issue 13), on top of the components' own markup:
// - <html lang> follows the interface language of the URL (the server sets it on the first load: dashboard.a11y);
// - every chart (layouts._components.chart) gets a short text alternative and its numbers as a table, built here from
//   the very data Plotly drew, so the table and the chart cannot disagree;
// - a chart's toolbar is one tab stop (arrow keys move between its buttons) and shows when it has the focus;
// - a drill-down result that appears below the fold is scrolled into view (elements marked `data-scroll-into-view`).
(function () {
    "use strict";

    function interfaceLang() {
        var named = new URLSearchParams(window.location.search).getAll("lang").pop();
        return named === "en" ? "en" : "nl";
    }

    function syncLang() {
        var lang = interfaceLang();
        if (document.documentElement.lang !== lang) {
            document.documentElement.lang = lang;
        }
    }

    // --- a chart's text alternative and table -----------------------------------------------------------------

    // Numbers as the cards write them (dashboard.i18n): 66.218 and 79,5 % in Dutch, 66,218 and 79.5 % in English.
    function formatter(lang, percent) {
        var locale = lang === "en" ? "en-GB" : "nl-BE";
        if (!percent) {
            return new Intl.NumberFormat(locale, {maximumFractionDigits: 2});
        }
        var number = new Intl.NumberFormat(locale, {minimumFractionDigits: 1, maximumFractionDigits: 1});
        return {format: function (value) { return number.format(value * 100) + " %"; }};
    }

    var MONTH = /^(\d{4})-(\d{2})-01([ T]00:00(:00(\.0+)?)?)?$/;
    var DAY = /^(\d{4})-(\d{2})-(\d{2})([ T]00:00(:00(\.0+)?)?)?$/;

    function label(value, lang) {
        if (typeof value === "string") {
            var month = MONTH.exec(value);
            if (month) {
                var day = new Date(Date.UTC(+month[1], +month[2] - 1, 1));
                return day.toLocaleDateString(lang === "en" ? "en-GB" : "nl-BE",
                    {month: "long", year: "numeric", timeZone: "UTC"});
            }
            var day = DAY.exec(value);
            if (day) {
                return new Date(Date.UTC(+day[1], +day[2] - 1, +day[3])).toLocaleDateString(
                    lang === "en" ? "en-GB" : "nl-BE", {day: "numeric", month: "short", year: "numeric", timeZone: "UTC"});
            }
        }
        return value === null || value === undefined ? "" : String(value);
    }

    function axisIsPercent(layout, name) {
        var axis = (layout && layout[name]) || {};
        return typeof axis.tickformat === "string" && axis.tickformat.indexOf("%") >= 0;
    }

    function axisTitle(layout, name) {
        var axis = (layout && layout[name]) || {};
        var title = axis.title;
        return (title && (typeof title === "string" ? title : title.text)) || "";
    }

    // A box's statistics in the table's order; the columns' names are the figure's layout.meta.box_columns.
    var BOX_STATISTICS = ["lowerfence", "q1", "median", "q3", "upperfence"];

    // The figure's numbers as {corner, columns, rows: [[label, value, ...]], percent}: one row per category (x, or
    // y for horizontal bars, or the heatmap's rows), one column per trace (or per heatmap column); one row per box
    // and a column per statistic for box plots.
    function tableOf(data, layout) {
        var visible = (data || []).filter(function (trace) {
            return trace.visible === true || trace.visible === undefined;
        });
        if (!visible.length) {
            return null;
        }
        var first = visible[0];
        if (first.type === "heatmap") {
            return {
                corner: axisTitle(layout, "yaxis"),
                columns: (first.x || []).map(String),
                rows: (first.y || []).map(function (name, i) { return [name].concat((first.z || [])[i] || []); }),
                percent: typeof (first.colorbar || {}).tickformat === "string"
                    && first.colorbar.tickformat.indexOf("%") >= 0,
            };
        }
        if (first.type === "box") {  // a box per group, its statistics computed by the server (q1, median, ...)
            var boxes = visible.filter(function (trace) { return trace.type === "box"; });
            var horizontalBox = first.orientation === "h";
            return {
                corner: axisTitle(layout, horizontalBox ? "yaxis" : "xaxis"),
                columns: ((layout && layout.meta) || {}).box_columns || [],
                rows: boxes.map(function (box) {
                    return [box.name].concat(BOX_STATISTICS.map(function (key) { return (box[key] || [])[0]; }));
                }),
                percent: axisIsPercent(layout, horizontalBox ? "xaxis" : "yaxis"),
            };
        }
        if (first.type === "pie") {
            return {corner: "", columns: [first.name || ""], rows: (first.labels || []).map(function (name, i) {
                return [name, first.values[i]];
            }), percent: false};
        }
        var horizontal = first.orientation === "h";
        var categoryKey = horizontal ? "y" : "x";
        var valueKey = horizontal ? "x" : "y";
        var order = [];
        var seen = {};
        visible.forEach(function (trace) {
            (trace[categoryKey] || []).forEach(function (category) {
                var key = String(category);
                if (!(key in seen)) {
                    seen[key] = order.length;
                    order.push(category);
                }
            });
        });
        var rows = order.map(function (category) { return [category]; });
        visible.forEach(function (trace, column) {
            rows.forEach(function (row) { row[column + 1] = null; });
            var categories = trace[categoryKey] || [];
            var values = trace[valueKey] || [];
            for (var i = 0; i < categories.length; i++) {
                rows[seen[String(categories[i])]][column + 1] = values[i];
            }
        });
        return {
            corner: axisTitle(layout, horizontal ? "yaxis" : "xaxis"),
            columns: visible.map(function (trace, i) { return trace.name || axisTitle(layout, horizontal ? "xaxis" : "yaxis") || String(i + 1); }),
            rows: rows,
            percent: axisIsPercent(layout, horizontal ? "xaxis" : "yaxis"),
        };
    }

    function cell(tag, text, scope) {
        var element = document.createElement(tag);
        element.textContent = text;
        if (scope) {
            element.scope = scope;
        }
        return element;
    }

    function renderTable(holder, table, lang, caption) {
        var format = formatter(lang, table.percent);
        var element = document.createElement("table");
        element.className = "table table-sm table-striped w-auto chart-table";
        element.appendChild(cell("caption", caption));
        var head = document.createElement("thead");
        var headRow = document.createElement("tr");
        headRow.appendChild(cell("th", table.corner || caption, "col"));
        table.columns.forEach(function (name) {
            var th = cell("th", label(name, lang), "col");
            th.className = "text-end";
            headRow.appendChild(th);
        });
        head.appendChild(headRow);
        element.appendChild(head);
        var body = document.createElement("tbody");
        table.rows.forEach(function (row) {
            var line = document.createElement("tr");
            line.appendChild(cell("th", label(row[0], lang), "row"));
            row.slice(1).forEach(function (value) {
                var number = typeof value === "number" && isFinite(value);
                var td = cell("td", number ? format.format(value) : "–");
                td.className = "text-end";
                line.appendChild(td);
            });
            body.appendChild(line);
        });
        element.appendChild(body);
        holder.replaceChildren(element);
    }

    function describe(figure, table, lang) {
        var texts = figure.dataset;
        if (!table) {
            return texts.empty || "";
        }
        var series = table.columns.map(function (name) { return label(name, lang); });
        var rows = table.rows.length;
        var first = rows ? label(table.rows[0][0], lang) : "";
        var last = rows ? label(table.rows[rows - 1][0], lang) : "";
        return (texts.summary || "")
            .replace("{series}", series.slice(0, 6).join(", ") + (series.length > 6 ? " …" : ""))
            .replace("{rows}", String(rows))
            .replace("{first}", first)
            .replace("{last}", last);
    }

    function refreshChart(figure) {
        var graph = figure.querySelector(".js-plotly-plot");
        if (!graph) {
            return;
        }
        var lang = interfaceLang();
        // Plotly's full data: the arrays decoded (a figure from Python sends numbers as typed base64 blocks)
        var table = tableOf(graph._fullData || graph.data, graph._fullLayout || graph.layout);
        var summary = figure.querySelector(".chart-summary");
        var text = describe(figure, table, lang);
        if (summary && summary.textContent !== text) {
            summary.textContent = text;
        }
        var holder = figure.querySelector(".chart-table-holder");
        var details = figure.querySelector("details.chart-data");
        if (holder && details) {
            if (details.hidden !== !table) {
                details.hidden = !table;
            }
            if (table && details.open) {
                renderTable(holder, table, lang, figure.dataset.caption || "");
            }
        }
        oneTabStop(graph);
    }

    // --- the toolbar: one tab stop, arrows within -----------------------------------------------------------

    function oneTabStop(graph) {
        var buttons = Array.prototype.slice.call(graph.querySelectorAll(".modebar-btn"));
        var current = buttons.filter(function (button) { return button.tabIndex === 0; });
        buttons.forEach(function (button, i) {
            var wanted = (current.length === 1 ? button === current[0] : i === 0) ? 0 : -1;
            if (button.tabIndex !== wanted) {
                button.tabIndex = wanted;
            }
            if (!button.getAttribute("aria-label") && button.dataset.title) {
                button.setAttribute("aria-label", button.dataset.title);
            }
        });
        var bar = graph.querySelector(".modebar");
        if (bar && !bar.dataset.stvKeys) {
            bar.dataset.stvKeys = "1";
            bar.setAttribute("role", "toolbar");
            bar.addEventListener("keydown", function (event) {
                var all = Array.prototype.slice.call(bar.querySelectorAll(".modebar-btn"));
                var at = all.indexOf(document.activeElement);
                var step = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1}[event.key];
                if (at < 0 || !step) {
                    return;
                }
                event.preventDefault();
                var next = all[(at + step + all.length) % all.length];
                all.forEach(function (button) { button.tabIndex = button === next ? 0 : -1; });
                next.focus();
            });
        }
    }

    // --- Dash 4's dcc.Dropdown --------------------------------------------------------------------------------
    // Its trigger is a <button tabindex=-1> behind a read-only <input aria-hidden=true tabindex=0> that passes the
    // focus on (for Safari): a focusable element hidden from screen readers, and a button named by its value alone
    // ("Alle") rather than its label ("Regio"). Here the button itself takes the Tab focus and is named by its
    // <label> and its value; the stand-in leaves the tab order (and is put back out if the component re-adds it).

    function fixDropdown(button) {
        var stand = button.previousElementSibling;
        if (stand && stand.classList.contains("dash-dropdown-focus-target") && stand.tabIndex !== -1) {
            stand.tabIndex = -1;
            if (!stand.dataset.stvWatched) {
                stand.dataset.stvWatched = "1";
                new MutationObserver(function () {
                    if (stand.tabIndex !== -1) {
                        stand.tabIndex = -1;
                    }
                }).observe(stand, {attributes: true, attributeFilter: ["tabindex"]});
            }
        }
        if (!button.disabled && button.tabIndex !== 0) {
            button.tabIndex = 0;
        }
        var label = button.id ? document.querySelector('label[for="' + CSS.escape(button.id) + '"]') : null;
        var parts = (button.getAttribute("aria-labelledby") || "").split(/\s+/).filter(function (id) {
            return id && document.getElementById(id) && (!label || id !== label.id);
        });
        if (label && label.id) {
            parts.unshift(label.id);
        }
        var wanted = parts.join(" ");
        if (wanted && button.getAttribute("aria-labelledby") !== wanted) {
            button.setAttribute("aria-labelledby", wanted);
        }
        mark(button, (!stand || !stand.classList.contains("dash-dropdown-focus-target") || stand.tabIndex === -1)
            && (button.disabled || button.tabIndex === 0) && (!label || !label.id || parts[0] === label.id));
    }

    // What this file has patched says so (data-stv-a11y="done"), so that a check (tests/a11y.py) can wait until
    // the patch is in place rather than race it: "pending" while the component has undone part of it.
    function mark(element, done) {
        var wanted = done ? "done" : "pending";
        if (element.dataset.stvA11y !== wanted) {
            element.dataset.stvA11y = wanted;
        }
    }

    // Its open list: a dialog and a listbox without a name, and options that are <label role=option> around a
    // checkbox or radio (an interactive control inside another). Here the list is what it is, a group of native
    // checkboxes (radios for a single choice) with their labels, named like the dialog by the filter's label.
    function fixDropdownList(dialog) {
        var trigger = dialog.id ? document.querySelector('[aria-controls="' + CSS.escape(dialog.id) + '"]') : null;
        var label = trigger && trigger.id ? document.querySelector('label[for="' + CSS.escape(trigger.id) + '"]') : null;
        if (label && label.id && dialog.getAttribute("aria-labelledby") !== label.id) {
            dialog.setAttribute("aria-labelledby", label.id);
        }
        dialog.querySelectorAll(".dash-options-list").forEach(function (list) {
            if (list.getAttribute("role") !== "group") {
                list.setAttribute("role", "group");
            }
            if (label && label.id && list.getAttribute("aria-labelledby") !== label.id) {
                list.setAttribute("aria-labelledby", label.id);
            }
        });
        dialog.querySelectorAll(".dash-options-list-option").forEach(function (option) {
            if (option.hasAttribute("role")) {
                option.removeAttribute("role");
            }
            if (option.hasAttribute("aria-selected")) {
                option.removeAttribute("aria-selected");
            }
        });
        mark(dialog, (!label || !label.id || dialog.getAttribute("aria-labelledby") === label.id)
            && !dialog.querySelector(".dash-options-list-option[role], .dash-options-list:not([role=group])"));
    }

    // --- dbc.Tabs without panes (a page's choice) ---------------------------------------------------------------
    // Its tabs point at panes that do not exist, share one id and are all out of the tab order. Here they point at
    // nothing, get their own ids, say which one is chosen, and the chosen one takes the Tab focus (arrows move on).

    function fixTabs(list) {
        var tabs = Array.prototype.slice.call(list.querySelectorAll('[role="tab"]'));
        tabs.forEach(function (tab, i) {
            var controls = tab.getAttribute("aria-controls");
            if (controls && !document.getElementById(controls)) {
                tab.removeAttribute("aria-controls");
            }
            var own = (list.id || "tabs").replace(/[^A-Za-z0-9_-]/g, "") + "-tab-" + i;
            if (tab.id !== own) {
                tab.id = own;
            }
            var chosen = tab.classList.contains("active");
            if (tab.getAttribute("aria-selected") !== String(chosen)) {
                tab.setAttribute("aria-selected", String(chosen));
            }
            var wanted = chosen || (!tabs.some(function (t) { return t.classList.contains("active"); }) && i === 0) ? 0 : -1;
            if (tab.tabIndex !== wanted && !(document.activeElement === tab)) {
                tab.tabIndex = wanted;
            }
        });
        mark(list, tabs.every(function (tab) {
            var controls = tab.getAttribute("aria-controls");
            return !controls || document.getElementById(controls);
        }));
        if (!list.dataset.stvKeys) {
            list.dataset.stvKeys = "1";
            list.addEventListener("keydown", function (event) {
                var all = Array.prototype.slice.call(list.querySelectorAll('[role="tab"]'));
                var at = all.indexOf(document.activeElement);
                var step = {ArrowRight: 1, ArrowLeft: -1}[event.key];
                if (at < 0 || !step) {
                    return;
                }
                event.preventDefault();
                var next = all[(at + step + all.length) % all.length];
                all.forEach(function (tab) { tab.tabIndex = tab === next ? 0 : -1; });
                next.focus();
            });
        }
    }

    // --- grids (layouts/_grid.data_grid) at phone width --------------------------------------------------------
    // A grid wider than a phone scrolls sideways; its first column (the row's name) then stays in view, pinned to the
    // left, so that a figure far right can still be read against its row. Above phone width a column keeps the
    // pinning its definition gives. The grid says which it has (data-stv-pinned), for a check to read.

    var PHONE = window.matchMedia("(max-width: 575.98px)");
    var PINNED_SHARE = 0.45;  // of the grid's width, at most, for the pinned column

    function pinFirstColumn(wrapper) {
        var holder = wrapper.parentElement && wrapper.parentElement.closest("[id]");
        var api = null;
        try {
            api = holder && window.dash_ag_grid ? window.dash_ag_grid.getApi(holder.id) : null;
        } catch (error) {
            return;  // not ready yet: the next scan tries again
        }
        if (!api || (api.isDestroyed && api.isDestroyed())) {
            return;
        }
        var columns = api.getColumns() || [];
        if (!columns.length) {
            return;
        }
        var first = columns[0];
        var definition = first.getColDef() || {};
        var wanted = PHONE.matches ? "left" : definition.pinned || null;
        var state = (first.getPinned() || null) !== wanted ? {colId: first.getColId(), pinned: wanted} : null;
        if (PHONE.matches) {  // a long name column leaves room for the figures (its whole text on hover)
            var room = Math.round(wrapper.clientWidth * PINNED_SHARE);
            var width = Math.max(first.getMinWidth ? first.getMinWidth() : 0, Math.min(first.getActualWidth(), room));
            if (Math.abs(first.getActualWidth() - width) > 1) {
                state = Object.assign(state || {colId: first.getColId()}, {width: width, flex: null});
                wrapper.dataset.stvNarrowed = "1";
            }
        } else if (wrapper.dataset.stvNarrowed) {  // back to the definition's width
            state = Object.assign(state || {colId: first.getColId()}, {
                width: definition.width, flex: definition.flex === undefined ? null : definition.flex,
            });
            delete wrapper.dataset.stvNarrowed;
        }
        if (state) {
            api.applyColumnState({state: [state]});
        }
        var shown = first.getPinned() || "none";
        if (wrapper.dataset.stvPinned !== shown) {
            wrapper.dataset.stvPinned = shown;
        }
    }

    // --- watching the page ------------------------------------------------------------------------------------

    function watchChart(figure) {
        var graph = figure.querySelector(".js-plotly-plot");
        if (graph && !graph.dataset.stvWatched && typeof graph.on === "function") {
            graph.dataset.stvWatched = "1";
            graph.on("plotly_afterplot", function () { refreshChart(figure); });
            refreshChart(figure);
        }
        var details = figure.querySelector("details.chart-data");
        if (details && !details.dataset.stvWatched) {
            details.dataset.stvWatched = "1";
            details.addEventListener("toggle", function () { refreshChart(figure); });
        }
    }

    // A result a reader asked for (a click or a key in the last few seconds) that changes below the fold.
    var lastAsked = 0;
    ["click", "keydown"].forEach(function (type) {
        document.addEventListener(type, function () { lastAsked = Date.now(); }, true);
    });

    function watchResult(element) {
        if (element.dataset.stvWatched) {
            return;
        }
        element.dataset.stvWatched = "1";
        new MutationObserver(function () {
            if (Date.now() - lastAsked > 8000) {
                return;
            }
            var box = element.getBoundingClientRect();
            if (box.top > window.innerHeight - 80) {
                lastAsked = 0;
                element.scrollIntoView({behavior: "smooth", block: "start"});
            }
        }).observe(element, {childList: true, subtree: true, characterData: true});
    }

    var pending = false;

    function scan() {
        pending = false;
        syncLang();
        document.querySelectorAll("figure.stv-chart").forEach(watchChart);
        patchControls();
        document.querySelectorAll("[data-scroll-into-view]").forEach(watchResult);
        document.querySelectorAll(".ag-root-wrapper").forEach(pinFirstColumn);
    }

    function schedule() {
        if (!pending) {
            pending = true;
            window.requestAnimationFrame(scan);
        }
    }

    // The dropdowns' and tabs' markup is patched at once, in the observer's microtask right after the component
    // wrote it (before any other script or a check such as axe can read it); the rest on the next frame.
    function patchControls() {
        document.querySelectorAll("button.dash-dropdown").forEach(fixDropdown);
        document.querySelectorAll(".dash-dropdown-content").forEach(fixDropdownList);
        document.querySelectorAll('[role="tablist"]').forEach(fixTabs);
    }

    function changed() {
        patchControls();
        schedule();
    }

    function start() {
        new MutationObserver(changed).observe(document.body, {
            childList: true, subtree: true, attributes: true, attributeFilter: ["aria-labelledby", "tabindex", "role", "aria-selected", "class", "aria-controls"],
        });
        window.addEventListener("popstate", schedule);
        PHONE.addEventListener("change", schedule);
        scan();
    }

    syncLang();
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }

    window.stvA11y = {tableOf: tableOf};
})();
