// Dash 4.4.1's dcc.Input (with debounce) puts the caret back with setSelectionRange after each change, and
// browsers throw for input types that have no text selection (date, number, …). For those the call is
// meaningless, so it becomes a no-op instead of an uncaught error on every keystroke in the period filter.
(function () {
  var original = HTMLInputElement.prototype.setSelectionRange;
  var withSelection = { "": true, text: true, search: true, url: true, tel: true, password: true };
  HTMLInputElement.prototype.setSelectionRange = function () {
    if (!withSelection[this.type]) {
      return undefined;
    }
    return original.apply(this, arguments);
  };
})();
