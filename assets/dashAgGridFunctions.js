// Cell formats of the sortable tables (layouts/_grid.py): numbers in the reader's format, '–' for an empty value.
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

function stvEmpty(value) {
    return value === null || value === undefined || (typeof value === "number" && isNaN(value));
}

// 66.218 (nl-BE) or 66,218 (en-GB).
dagfuncs.stvCount = function (value, locale) {
    return stvEmpty(value) ? "–" : Math.round(value).toLocaleString(locale);
};

// One decimal: 4,3 (nl-BE) or 4.3 (en-GB).
dagfuncs.stvNumber = function (value, locale) {
    return stvEmpty(value) ? "–" : value.toLocaleString(locale, {minimumFractionDigits: 1, maximumFractionDigits: 1});
};

// Two decimals, for errors such as MASE: 0,75 (nl-BE) or 0.75 (en-GB).
dagfuncs.stvDecimal = function (value, locale) {
    return stvEmpty(value) ? "–" : value.toLocaleString(locale, {minimumFractionDigits: 2, maximumFractionDigits: 2});
};

// A fraction as a percentage with one decimal: 79,5 % (nl-BE) or 79.5 % (en-GB).
dagfuncs.stvRate = function (value, locale) {
    return stvEmpty(value) ? "–" : dagfuncs.stvNumber(value * 100, locale) + " %";
};

// An ISO day (2026-11-23) as readers write it: 23-11-2026 (nl-BE) or 23 Nov 2026 (en-GB); sorting keeps the ISO value.
var STV_MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
dagfuncs.stvDate = function (value, locale) {
    if (stvEmpty(value) || typeof value !== "string" || value.length < 10) {
        return stvEmpty(value) ? "–" : String(value);
    }
    var year = value.slice(0, 4), month = value.slice(5, 7), day = value.slice(8, 10);
    if (locale === "nl-BE") {
        return day + "-" + month + "-" + year;
    }
    return parseInt(day, 10) + " " + STV_MONTHS_EN[parseInt(month, 10) - 1] + " " + year;
};

// A text or link cell's whole text, for its tooltip (a name the column's width cuts off): a markdown link's text.
dagfuncs.stvCellText = function (params) {
    var value = params.value;
    if (stvEmpty(value)) {
        return "";
    }
    var link = /^\[((?:\\.|[^\]])*)\]\(/.exec(String(value));
    return link ? link[1].replace(/\\(.)/g, "$1") : String(value);
};
