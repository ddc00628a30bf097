// Clientside callbacks: what only the browser knows (its clock), and what needs no round trip to the server.
// The value a page choice takes for what the URL names: the named value if the choice allows it, else its default.
function effective(rule, named) {
    var allowed = named && (rule.values === null || rule.values.indexOf(named) >= 0);
    return allowed ? named : rule.default;
}

// The request for the page's layout names the page being loaded (its path and query string, as the address bar has
// them), so that the server draws the page in it and the first paint waits only for the page's own callbacks
// (callbacks.shell.first_painted). Every other request goes out untouched.
(function () {
    var send = window.fetch;
    window.fetch = function (input, init) {
        var url = typeof input === "string" ? input : (input && input.url) || "";
        if (!/\/_dash-layout(\?|$)/.test(url)) {
            return send.apply(window, arguments);
        }
        var options = Object.assign({}, init);
        var headers = new Headers(options.headers || {});
        headers.set("X-STV-Page", window.location.pathname + window.location.search);
        options.headers = headers;
        return send.call(window, input, options);
    };
})();

window.dash_clientside = Object.assign({}, window.dash_clientside, {
    stv: {
        // "Last updated at 10:15:32": the moment fresh figures reached this page, in Brussels time.
        lastUpdated: function (stamp) {
            if (!stamp) {
                return window.dash_clientside.no_update;
            }
            var time = new Date().toLocaleTimeString(stamp.locale, {timeZone: "Europe/Brussels", hour12: false});
            return stamp.template.replace("{time}", time);
        },

        // What the mounted page depends on: its path, the interface language and the report's period. A filter
        // or a page choice is not among them, so changing one leaves the page mounted (callbacks.shell).
        route: function (pathname, search, current) {
            var params = new URLSearchParams(search || "");
            var next = {
                path: pathname || "/",
                lang: params.getAll("lang").pop() === "en" ? "en" : "nl",
                period: params.getAll("period").pop() || "",
            };
            if (current && current.path === next.path && current.lang === next.lang && current.period === next.period) {
                return window.dash_clientside.no_update;
            }
            return next;
        },

        // A page's choices and the URL (callbacks.shell): a changed control writes its parameter (left out at its
        // default); a changed URL (back, forward, a link) sets every control from it, a value not allowed as default.
        choices: function (search, values, tabs, rules) {
            var context = window.dash_clientside.callback_context;
            var noUpdate = window.dash_clientside.no_update;
            var params = new URLSearchParams(search || "");
            var trigger = (context.triggered || [])[0];
            var source = trigger ? trigger.prop_id.slice(0, trigger.prop_id.lastIndexOf(".")) : "";
            var groups = [values, tabs];
            if (source.charAt(0) === "{") {
                var parameter = JSON.parse(source).choice;
                var rule = rules[parameter];
                var value = trigger.value;
                if (!rule || value === effective(rule, params.getAll(parameter).pop())) {
                    // as the URL has it already (a value it may not take counts as the default): a page being
                    // mounted, not a reader's choice
                    return [noUpdate].concat(
                        groups.map(function (group) { return group.map(function () { return noUpdate; }); }));
                }
                params.delete(parameter);
                if (value !== null && value !== undefined && value !== "" && value !== rule.default) {
                    params.append(parameter, value);
                }
                var next = params.toString().replace(/%2C/g, ",");
                next = next ? "?" + next : "";
                return [next === (search || "") ? noUpdate : next].concat(
                    groups.map(function (group) { return group.map(function () { return noUpdate; }); }));
            }
            var settings = context.outputs_list.slice(1).map(function (outputs, i) {
                return outputs.map(function (output, j) {
                    var rule = rules[output.id.choice] || {default: null, values: null};
                    var wanted = effective(rule, params.getAll(output.id.choice).pop());
                    return wanted === groups[i][j] ? noUpdate : wanted;
                });
            });
            return [noUpdate].concat(settings);
        },

        // The navigation keeps the filters (the shell's normalised query); the language switch keeps the whole
        // query string but the language; "reset" keeps only the language.
        links: function (query, _nav, _account, pathname, search) {
            var outputs = window.dash_clientside.callback_context.outputs_list[0];
            var kept = query || "";
            var hrefs = outputs.map(function (output) { return output.id.nav + kept; });
            var params = new URLSearchParams(search || "");
            var english = params.getAll("lang").pop() === "en";
            params.delete("lang");
            if (!english) {
                params.append("lang", "en");
            }
            var switched = params.toString().replace(/%2C/g, ",");
            var path = pathname || "/";
            return [hrefs, path + (switched ? "?" + switched : ""), path + (english ? "?lang=en" : "")];
        },

        // Grids whose rows come on demand (layouts._grid.rows_on_demand) and stay in the page: a new query drops
        // the blocks they hold, so that they ask for their rows again. A grid not drawn yet asks by itself.
        askRowsAgain: function (_query, grids) {
            (grids || []).forEach(function (id) {
                try {
                    window.dash_ag_grid.getApi(id).purgeInfiniteCache();
                } catch (notYet) {
                    // not initialised yet: its first request reads the new query
                }
            });
            return window.dash_clientside.no_update;
        },

        // A collapsible part (the phone's menu, the filter panel): open or closed, and the button says which.
        toggle: function (_clicks, open) {
            return [!open, open ? "false" : "true"];
        },

        // One line naming the active filters (the filter panel's button, when the panel is folded away):
        // "1 jan 2025 – 31 dec 2025 · Ter plaatse". The arguments come flat: the dates, each code filter's value,
        // each one's options, and the words for no code filter.
        filterSummary: function (start, end) {
            var rest = Array.prototype.slice.call(arguments, 2);
            var count = (rest.length - 1) / 2;
            var values = rest.slice(0, count);
            var options = rest.slice(count, 2 * count);
            var none = rest[rest.length - 1];
            var lang = document.documentElement.lang === "en" ? "en-GB" : "nl-BE";
            function day(typed) {  // as the inputs show it (31-12-2025, 31/12/2025) or ISO (dashboard.periods)
                var text = (typed || "").trim();
                var iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
                var parts = iso ? [iso[1], iso[2], iso[3]] : null;
                var typedParts = /^(\d{1,2})[-\/.](\d{1,2})[-\/.](\d{4})$/.exec(text);
                if (!parts && typedParts) {
                    parts = [typedParts[3], typedParts[2], typedParts[1]];
                }
                return parts ? new Date(Date.UTC(+parts[0], +parts[1] - 1, +parts[2]))
                    .toLocaleDateString(lang, {day: "numeric", month: "short", year: "numeric", timeZone: "UTC"}) : "";
            }
            var parts = [];
            if (start || end) {
                parts.push(day(start) + " – " + day(end));
            }
            var codes = [];
            (values || []).forEach(function (chosen, i) {
                var labels = {};
                (options[i] || []).forEach(function (option) { labels[option.value] = option.label; });
                chosen = Array.isArray(chosen) ? chosen : (chosen ? [chosen] : []);
                (chosen || []).forEach(function (value) { codes.push(labels[value] || value); });
            });
            parts.push(codes.length ? codes.join(", ") : (none || ""));
            return parts.join(" · ");
        },
    },
});
