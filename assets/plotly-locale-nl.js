/**
 * Plotly.js Dutch ('nl') locale, vendored for offline use.
 *
 * Source: npm package plotly.js-locales@3.7.0, file package/nl.js
 * (https://github.com/plotly/plotly.js, lib/locales/nl.js).
 * Change: the CommonJS `module.exports = {...}` is wrapped so the locale is
 * registered in the browser; the locale object itself is unchanged.
 *
 * plotly.js is Copyright (c) 2016-2024 Plotly Technologies Inc.
 * (plotly.js bundle header: Copyright 2012-2026, Plotly, Inc.)
 * Licensed under the MIT license:
 *
 * Permission is hereby granted, free of charge, to any person obtaining a copy
 * of this software and associated documentation files (the "Software"), to deal
 * in the Software without restriction, including without limitation the rights
 * to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
 * copies of the Software, and to permit persons to whom the Software is
 * furnished to do so, subject to the following conditions:
 *
 * The above copyright notice and this permission notice shall be included in
 * all copies or substantial portions of the Software.
 *
 * THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 * IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
 * FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
 * AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
 * LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
 * OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
 * THE SOFTWARE.
 */

/*
 * Registration. Plotly's partial bundle (assets/plotly-*-cartesian.min.js)
 * sorts before this file and so is loaded first; should a page ever load
 * plotly.js later (dcc.Graph's own lazy load of plotly.min.js when no
 * window.Plotly exists), queue the locale in window.PlotlyLocales; the bundle
 * registers (and then deletes) that queue when it loads:
 *   window.PlotlyLocales&&Array.isArray(window.PlotlyLocales)&&(register(window.PlotlyLocales),delete window.PlotlyLocales)
 * If Plotly is already loaded, register directly.
 * Use it with dcc.Graph(config={"locale": "nl"}).
 */
(function () {
    'use strict';

    var locale = {
        moduleType: 'locale',
        name: 'nl',
        dictionary: {
            'Autoscale': 'Automatische schaal',
            'Click to enter Colorscale title': 'Klik om kleurenschaal titel in te vullen',
            'Click to enter Component A title': 'Klik om Component A titel in te vullen',
            'Click to enter Component B title': 'Klik om Component B titel in te vullen',
            'Click to enter Component C title': 'Klik om Component C titel in te vullen',
            'Click to enter Plot title': 'Klik om Plot titel in te vullen',
            'Click to enter X axis title': 'Klik om x-as titel in te vullen',
            'Click to enter Y axis title': 'Klik om y-as titel in te vullen',
            'Click to enter radial axis title': 'Klik om radiaal-as titel in te vullen',
            'Double-click to zoom back out': 'Zoom uit door te dubbel klikken',
            'Download plot as a PNG': 'Dowload de plot als een PNG-bestand',
            'Download plot': 'Download de plot',
            'Draw circle': 'Teken cirkel',
            'Draw closed freeform': 'Teken gesloten vorm',
            'Draw line': 'Teken lijn',
            'Draw open freeform': 'Teken open vorm',
            'Draw rectangle': 'Teken rechthoek',
            'Edit in Chart Studio': 'In Chart Studio wijzigen',
            'Erase active shape': 'Wis huidige vorm',
            'IE only supports svg. Changing format to svg.': 'IE ondersteunt alleen svg bestanden. Formaat gewijzigd naar svg.',
            'Lasso Select': 'Lasso selectie',
            'Produced with Plotly.js': 'Gemaakt met Plotly.js',
            'Zoom': 'Inzoomen',
            'max:': 'maximum:',
            'mean ± σ:': 'gemiddelde ± σ:',
            'mean:': 'gemiddelde:',
            'min:': 'minimum:',
            'new text': 'nieuwe tekst',
            'open:': 'openen:',
            'high:': 'hoog:',
            'low:': 'laag:',
            'source:': 'bron:',
            'target:': 'doel:',
        },
        format: {
            days: [
                'zondag', 'maandag', 'dinsdag', 'woensdag',
                'donderdag', 'vrijdag', 'zaterdag'
            ],
            shortDays: ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'],
            months: [
                'januari', 'februari', 'maart', 'april', 'mei', 'juni',
                'juli', 'augustus', 'september', 'oktober', 'november', 'december'
            ],
            shortMonths: [
                'jan', 'feb', 'mrt', 'apr', 'mei', 'jun',
                'jul', 'aug', 'sep', 'okt', 'nov', 'dec'
            ],
            date: '%d-%m-%Y',
            decimal: ',',
            thousands: '.',
            year: '%Y',
            month: '%b %Y',
            dayMonth: '%-d %b',
            dayMonthYear: '%-d %b %Y'
        }
    };

    // The STV dashboard's corrections and additions (issue 13): the upstream typo "Dowload", and the toolbar's and
    // snapshot's words the upstream locale leaves English. The rest of the locale is unchanged.
    Object.assign(locale.dictionary, {
        'Download plot as a PNG': 'Download de grafiek als PNG',
        'Download plot': 'Download de grafiek',
        'Reset axes': 'Assen herstellen',
        'Reset': 'Herstellen',
        'Pan': 'Verschuiven',
        'Box Select': 'Rechthoek selecteren',
        'Zoom in': 'Inzoomen',
        'Zoom out': 'Uitzoomen',
        'Toggle Spike Lines': 'Hulplijnen aan of uit',
        'Show closest data on hover': 'Dichtstbijzijnde gegevens tonen',
        'Compare data on hover': 'Gegevens vergelijken',
        'Taking snapshot - this may take a few seconds': 'De afbeelding wordt gemaakt, even geduld',
        'Snapshot succeeded': 'Afbeelding gemaakt',
        'Sorry, there was a problem downloading your snapshot!': 'Het downloaden van de afbeelding is mislukt.',
        // a box's hover labels (the spread charts of /regions)
        'median:': 'mediaan:',
        'q1:': '25 %:',
        'q3:': '75 %:',
        'lower fence:': 'ondergrens:',
        'upper fence:': 'bovengrens:',
        'mean:': 'gemiddelde:'
    });

    if (typeof window.Plotly !== 'undefined' && typeof window.Plotly.register === 'function') {
        window.Plotly.register(locale);
    } else {
        window.PlotlyLocales = window.PlotlyLocales || [];
        window.PlotlyLocales.push(locale);
    }
})();
