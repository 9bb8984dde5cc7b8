/* kb: comparison matrix pages (templates/matrix.mustache). The table is
   complete without this file; it adds, on the page it is loaded by:
   - filters: a free-text box and a select per `filter = true` column;
   - sorting: each column header becomes a button (aria-sort on the header);
   - compare: a checkbox per row; 2 to 4 picked rows open side by side as
     columns, with the state in the URL hash (#compare=athena,redshift), so
     the link can be shared and a reload reopens the same view.
   No framework, no fetch (works from file://). */
(function () {
  'use strict';
  var article = document.querySelector('article.matrix');
  var table = document.getElementById('matrix-table');
  if (!article || !table) return;
  var MIN = 2;
  var MAX = 4;
  var controls = article.querySelector('.matrix-controls');
  var main = article.querySelector('.matrix-main');
  var status = article.querySelector('.matrix-status');
  var empty = article.querySelector('.matrix-empty');
  var compare = article.querySelector('.matrix-compare');
  var compareTable = compare.querySelector('table');
  var compareButton = article.querySelector('[data-action="compare"]');
  var clearButton = article.querySelector('[data-action="clear"]');
  var closeButton = article.querySelector('[data-action="close"]');
  var textBox = article.querySelector('[data-filter="text"]');
  var selects = Array.prototype.slice.call(article.querySelectorAll('select[data-filter]'));
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var byId = {};
  var picked = [];  // row ids, in the order they were picked

  // ---- Reading the table -------------------------------------------------

  function columnIndex(name) {
    for (var i = 0; i < headers.length; i++) if (headers[i].getAttribute('data-column') === name) return i;
    return -1;
  }

  // The values of a cell as its filter compares them: a list's items, else
  // its text; none for an empty cell.
  function cellValues(cell) {
    if (cell.querySelector('.matrix-none')) return [];
    var items = cell.querySelectorAll('li');
    if (items.length) return Array.prototype.map.call(items, function (li) { return li.textContent.trim(); });
    return [cell.textContent.trim()];
  }

  function rowTitle(row) { return row.cells[0].textContent.trim(); }

  rows.forEach(function (row, i) {
    row.setAttribute('data-index', String(i));
    byId[row.getAttribute('data-id')] = row;
    row.setAttribute('data-text', row.textContent.toLowerCase().replace(/\s+/g, ' '));
  });

  // ---- Filtering ------------------------------------------------------------

  function applyFilters() {
    var words = textBox ? textBox.value.toLowerCase().split(/\s+/).filter(Boolean) : [];
    var wanted = selects.map(function (s) { return { at: columnIndex(s.getAttribute('data-filter')), value: s.value }; })
      .filter(function (f) { return f.value !== '' && f.at >= 0; });
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute('data-text');
      var ok = words.every(function (w) { return text.indexOf(w) !== -1; }) &&
        wanted.every(function (f) { return cellValues(row.cells[f.at]).indexOf(f.value) !== -1; });
      row.hidden = !ok;
      if (ok) shown++;
    });
    if (empty) empty.hidden = shown !== 0;
    updateStatus(shown);
  }

  function updateStatus(shown) {
    if (shown === undefined) shown = rows.filter(function (r) { return !r.hidden; }).length;
    var text = shown === rows.length ? rows.length + ' rows' : shown + ' of ' + rows.length + ' rows';
    if (picked.length) text += ' · ' + picked.length + ' picked';
    if (picked.length < MIN) text += ' · pick ' + MIN + ' to ' + MAX + ' rows to compare';
    if (status) status.textContent = text;
    compareButton.disabled = picked.length < MIN;
    compareButton.textContent = picked.length >= MIN ? 'Compare ' + picked.length : 'Compare';
    clearButton.disabled = picked.length === 0;
  }

  // ---- Sorting --------------------------------------------------------------

  var sortedBy = 0;
  var ascending = true;

  function sortKey(cell, type) {
    var s = cell.getAttribute('data-sort') || '';
    if (type === 'number') return s === '' ? null : parseFloat(s);
    return s === '' ? null : s;
  }

  function sortBy(index, asc) {
    var type = headers[index].getAttribute('data-type');
    var keyed = rows.map(function (row) {
      return { row: row, key: sortKey(row.cells[index], type), at: Number(row.getAttribute('data-index')) };
    });
    keyed.sort(function (a, b) {
      // Empty cells last, whichever the direction.
      if (a.key === null || b.key === null) {
        if (a.key === b.key) return a.at - b.at;
        return a.key === null ? 1 : -1;
      }
      var c = type === 'number' ? a.key - b.key
        : String(a.key).localeCompare(String(b.key), undefined, { numeric: true, sensitivity: 'base' });
      if (c === 0) return a.at - b.at;
      return asc ? c : -c;
    });
    keyed.forEach(function (k) { tbody.appendChild(k.row); });
    sortedBy = index;
    ascending = asc;
    headers.forEach(function (th, i) {
      if (i === index) th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    });
  }

  headers.forEach(function (th, i) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'matrix-sort';
    while (th.firstChild) button.appendChild(th.firstChild);
    var icon = document.createElement('span');
    icon.className = 'matrix-sort-icon';
    icon.setAttribute('aria-hidden', 'true');
    button.appendChild(icon);
    th.appendChild(button);
    button.addEventListener('click', function () {
      sortBy(i, sortedBy === i ? !ascending : true);
    });
  });
  headers[0].setAttribute('aria-sort', 'ascending');  // rows come sorted by title

  // ---- Picking rows and the compare view ------------------------------------

  rows.forEach(function (row) {
    var box = document.createElement('input');
    box.type = 'checkbox';
    box.className = 'matrix-pick';
    box.setAttribute('aria-label', 'Pick ' + rowTitle(row) + ' to compare');
    row.cells[0].insertBefore(box, row.cells[0].firstChild);
    box.addEventListener('change', function () {
      var id = row.getAttribute('data-id');
      var at = picked.indexOf(id);
      if (box.checked && at === -1) picked.push(id);
      if (!box.checked && at !== -1) picked.splice(at, 1);
      syncPicks();
    });
  });

  function syncPicks() {
    rows.forEach(function (row) {
      var box = row.querySelector('.matrix-pick');
      var on = picked.indexOf(row.getAttribute('data-id')) !== -1;
      box.checked = on;
      box.disabled = !on && picked.length >= MAX;
      row.classList.toggle('matrix-picked', on);
    });
    updateStatus();
  }

  // Ids named by a "#compare=a,b" hash that are rows of this table (at most MAX).
  function hashIds() {
    var m = /^#compare=(.*)$/.exec(location.hash);
    if (!m) return null;
    var ids = [];
    m[1].split(',').forEach(function (id) {
      try { id = decodeURIComponent(id).trim(); } catch (e) { return; }  // a mangled link: skip that id
      if (byId[id] && ids.indexOf(id) === -1 && ids.length < MAX) ids.push(id);
    });
    return ids;
  }

  function cell(tag, content) {
    var c = document.createElement(tag);
    if (typeof content === 'string') c.textContent = content;
    else if (content) c.appendChild(content);
    return c;
  }

  // The picked rows as columns, the attributes as rows.
  function buildCompare(ids) {
    while (compareTable.firstChild) compareTable.removeChild(compareTable.firstChild);
    compareTable.setAttribute('data-count', String(ids.length));
    var head = compareTable.createTHead().insertRow();
    head.appendChild(cell('th', 'Attribute')).setAttribute('scope', 'col');
    ids.forEach(function (id) {
      var link = byId[id].cells[0].querySelector('a').cloneNode(true);
      var th = head.appendChild(cell('th', link));
      th.setAttribute('scope', 'col');
    });
    var body = compareTable.createTBody();
    for (var i = 1; i < headers.length; i++) {
      var tr = body.insertRow();
      var label = headers[i].querySelector('.matrix-sort') || headers[i];
      tr.appendChild(cell('th', label.textContent.trim())).setAttribute('scope', 'row');
      ids.forEach(function (id) {
        var td = document.createElement('td');
        td.innerHTML = byId[id].cells[i].innerHTML;
        // Whose value it is, for a phone's stacked view (style.css).
        td.setAttribute('data-label', byId[id].cells[0].textContent.trim());
        tr.appendChild(td);
      });
    }
  }

  function showCompare(on) {
    compare.hidden = !on;
    if (main) main.hidden = on;
    if (controls) controls.classList.toggle('comparing', on);
    if (empty && on) empty.hidden = true;
    if (!on) applyFilters();
  }

  // The view the URL asks for: the compare view for #compare= with 2-4 rows
  // of this table, else the table (with whatever the hash named picked).
  function fromHash() {
    var ids = hashIds();
    if (ids === null) {
      showCompare(false);
      showRow();
      return;
    }
    picked = ids;
    syncPicks();
    if (ids.length >= MIN) {
      buildCompare(ids);
      showCompare(true);
      if (compare.scrollIntoView) compare.scrollIntoView({ block: 'nearest' });
    } else {
      showCompare(false);
    }
  }

  // A note's card links to its row (#row-<id>): the browser would scroll the
  // page to the row and leave the table's sticky header row above the screen;
  // bring the table's box into view and scroll the row up under its header.
  function showRow() {
    if (!/^#row-/.test(location.hash) || !main) return;
    var row = null;
    try { row = document.getElementById(decodeURIComponent(location.hash.slice(1))); } catch (e) { return; }
    if (!row || row.parentNode !== tbody) return;
    main.scrollIntoView({ block: 'start' });
    main.scrollTop = row.offsetTop - table.tHead.offsetHeight;
  }

  function leaveCompare() {
    // Drop the hash without a jump to the top; file:// may refuse pushState.
    try {
      history.pushState(null, '', location.pathname + location.search);
      fromHash();
    } catch (e) {
      location.hash = '';
    }
  }

  compareButton.addEventListener('click', function () {
    if (picked.length < MIN) return;
    location.hash = 'compare=' + picked.map(encodeURIComponent).join(',');
  });
  clearButton.addEventListener('click', function () {
    picked = [];
    syncPicks();
  });
  closeButton.addEventListener('click', leaveCompare);
  window.addEventListener('hashchange', fromHash);
  window.addEventListener('popstate', fromHash);

  if (textBox) textBox.addEventListener('input', applyFilters);
  selects.forEach(function (s) { s.addEventListener('change', applyFilters); });
  if (controls) {
    controls.addEventListener('submit', function (e) { e.preventDefault(); });
    controls.hidden = false;
  }
  article.classList.add('matrix-live');
  applyFilters();
  fromHash();
  // The browser scrolls to a #row- fragment itself once the page has loaded: do ours after it.
  window.addEventListener('load', function () { setTimeout(showRow, 0); });
})();
