// Clientside callbacks: what only the browser knows, such as the reader's own clock.
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
    },
});
