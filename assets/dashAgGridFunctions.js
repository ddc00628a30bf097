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
