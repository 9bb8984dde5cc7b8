/* kb search engine: ranks the static index (search/ in a built site, written
   by search/browser_index.cc) the way `kb search` does: the query read as
   its QueryParser reads it (query.js: words, "phrases", brackets, +word,
   -word, AND, OR, NOT), the same stop words, stemming (Porter2: the index's
   own word -> stem table, else the porter2 stemmer), synonyms (Xapian's
   auto-synonym expansion, OP_SYNONYM), exact phrases (positions, loaded only
   for a phrase) and BM25 (Xapian's BM25Weight with kb's parameters and the
   index's own document lengths), with the same ranks and weights
   (tests/search/parity.test.mjs). Fields (title:) are read as plain words,
   and so are queries with XOR, NEAR or ADJ. No DOM here: the same file runs
   in node for the tests.

   createEngine(load): load(name) returns a Promise of a data file's object
   ("meta", "t:<key>", "p:<key>-<range>", "d:<n>") or null when it is missing. */
(function (global) {
  'use strict';

  var ALPHA = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  var DIGIT = {};
  for (var a = 0; a < ALPHA.length; a++) DIGIT[ALPHA.charCodeAt(a)] = a;

  function decodeVarints(s) {
    var out = [];
    var value = 0, shift = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT[s.charCodeAt(i)];
      if (d >= 32) {
        value += (d - 32) * Math.pow(2, shift);
        shift += 5;
      } else {
        out.push(value + d * Math.pow(2, shift));
        value = 0;
        shift = 0;
      }
    }
    return out;
  }

  var Q = global.kbSearchQuery || (typeof require === 'function' ? require('./query.js') : null);
  var tokenize = Q.tokenize, normalizeQuery = Q.normalizeQuery, titleKey = Q.titleKey;
  var STEMMABLE = /^[\p{Ll}\p{Lt}\p{Lm}\p{Lo}]/u;

  var HEX = '0123456789abcdef';
  // search/static_export.cc shard_key(): the term without "Z"/"XS"/"XE", its first
  // two characters, bytes outside [a-z0-9] as "_xx".
  function shardKey(term) {
    if (term.length > 1 && term[0] === 'Z') term = term.slice(1);
    else if (term.indexOf('XS') === 0 || term.indexOf('XE') === 0) term = term.slice(2);
    var head = Array.from(term).slice(0, 2).join('');
    var bytes = new TextEncoder().encode(head);
    var key = '';
    for (var i = 0; i < bytes.length; i++) {
      var b = bytes[i];
      if ((b >= 97 && b <= 122) || (b >= 48 && b <= 57)) key += String.fromCharCode(b);
      else key += '_' + HEX[b >> 4] + HEX[b & 15];
    }
    return key || '_';
  }

  // Edit distance with adjacent transpositions counting one (as Xapian's
  // spelling correction); stops early past `limit`.
  function editDistance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var pp = null, p = [];
    for (var j = 0; j <= b.length; j++) p[j] = j;
    for (var i = 1; i <= a.length; i++) {
      var c = [i], best = i;
      for (var k = 1; k <= b.length; k++) {
        var v = Math.min(p[k] + 1, c[k - 1] + 1, p[k - 1] + (a[i - 1] === b[k - 1] ? 0 : 1));
        if (pp && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) v = Math.min(v, pp[k - 2] + 1);
        c[k] = v;
        if (v < best) best = v;
      }
      if (best > limit) return limit + 1;
      pp = p;
      p = c;
    }
    return p[b.length];
  }

  function createEngine(load, stem) {
    stem = stem || global.kbPorter2 || function (w) { return w; };
    var meta = null;
    var shards = {};      // key -> {p, w} (null when missing)
    var decoded = {};     // term -> {docs, wdfs}
    var positionFiles = {};  // "p:<key>-<range>" -> {term: positions} (p/<key>-<range>.js), loaded for phrases
    var decodedPositions = {};  // term + " " + range -> [positions on each of its pages in the range]
    var shardSet = null;

    function loadMeta() {
      if (meta) return Promise.resolve(meta);
      return load('meta').then(function (m) {
        if (!m) throw new Error('the search index is missing (search/meta.js)');
        meta = m;
        meta.lengths = decodeVarints(m.dl);
        meta.avlen = m.n ? m.total / m.n : 0;
        shardSet = {};
        m.shards.forEach(function (k) { shardSet[k] = true; });
        return meta;
      });
    }
    function loadShards(keys) {
      var wanted = keys.filter(function (k) { return shardSet[k] && !(k in shards); });
      return Promise.all(wanted.map(function (k) {
        return load('t:' + k).then(function (d) { shards[k] = d || { p: {}, w: {} }; });
      }));
    }
    function shardOf(term) { return shards[shardKey(term)] || null; }

    // The term a query word searches: "Z" + its stem, or the word itself
    // when it does not start with a letter (QueryParser, STEM_SOME).
    function stemOf(word) {
      var sh = shardOf(word);
      var v = sh && sh.w ? sh.w[word] : undefined;
      if (typeof v === 'number') return word.slice(0, v);
      if (typeof v === 'string') return v;
      return stem(word);
    }
    function shouldStem(word) { return STEMMABLE.test(word); }
    function termOf(word) { return shouldStem(word) ? 'Z' + stemOf(word) : word; }

    function postings(term) {
      if (decoded[term]) return decoded[term];
      var sh = shardOf(term);
      var s = sh && sh.p ? sh.p[term] : undefined;
      var r = { docs: [], wdfs: [] };
      if (s) {
        var v = decodeVarints(s);
        var did = 0;
        for (var i = 0; i + 1 < v.length; i += 2) { did += v[i]; r.docs.push(did); r.wdfs.push(v[i + 1]); }
      }
      decoded[term] = r;
      return r;
    }

    function isStop(word) { return meta.stop.indexOf(word) >= 0; }

    // A phrase's word's term: its stem's, as any query word's, but an
    // operator's name is searched unstemmed (parseQuery(): `raw`).
    function phraseTerm(w) { return w.raw ? w.word : termOf(w.word); }

    // Positions files hold a range of positions_pages pages each.
    function rangeOf(did) { return Math.floor((did - 1) / meta.positions_pages); }
    function positionsFile(term, range) { return 'p:' + shardKey(term) + '-' + range; }

    // A term's positions on page `did`, the i-th page of its postings
    // (static_export.h: p/<key>-<range>.js lists them for the range's pages
    // of its postings, in their order).
    function positionsOn(term, i, did) {
      var range = rangeOf(did);
      var id = term + ' ' + range;
      var list = decodedPositions[id];
      if (!list) {
        var file = positionFiles[positionsFile(term, range)];
        var v = decodeVarints(file && file[term] ? file[term] : '');
        list = [];
        for (var j = 0; j < v.length;) {
          var count = v[j++], at = 0, one = [];
          for (var k = 0; k < count && j < v.length; k++) { at += v[j++]; one.push(at); }
          list.push(one);
        }
        decodedPositions[id] = list;
      }
      // The term's first page in the range: where the range's list starts.
      var docs = postings(term).docs, lo = 0, hi = docs.length, first = range * meta.positions_pages + 1;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (docs[mid] < first) lo = mid + 1; else hi = mid; }
      return list[i - lo] || [];
    }

    // The pages that have every term of a phrase (its candidates), by its
    // first term's postings.
    function phraseCandidates(terms) {
      var lists = terms.map(postings);
      var sets = lists.slice(1).map(function (p) { return new Set(p.docs); });
      return lists[0].docs.filter(function (d) { return sets.every(function (s) { return s.has(d); }); });
    }

    // Every shard a query needs: its words' and their stems' and synonyms',
    // the phrase synonyms' of `runWords`, and the positions of `phrases`'
    // terms (lists of words, read only when a query has a phrase).
    function prepare(words, prefixWord, runWords, phrases) {
      var keys = words.map(shardKey);
      if (prefixWord) keys.push(shardKey(prefixWord));
      return loadShards(keys).then(function () {
        var more = [];
        words.forEach(function (w) {
          var t = termOf(w);
          more.push(shardKey(t));
          (synonymsOf(w) || []).forEach(function (s) { more.push(shardKey(s)); });
        });
        runWords = runWords || [];
        for (var i = 0; i + 1 < runWords.length; i++) {
          for (var j = i + 2; j <= runWords.length; j++) {
            var syn = meta.syn[runWords.slice(i, j).join(' ')];
            if (syn) syn.forEach(function (s) { more.push(shardKey(s)); });
          }
        }
        if (prefixWord) completions(prefixWord).forEach(function (t) { more.push(shardKey(t)); });
        return loadShards(more);
      }).then(function () {
        var keys = [];
        (phrases || []).forEach(function (ws) { ws.forEach(function (w) { keys.push(shardKey(phraseTerm(w))); }); });
        return loadShards(keys);
      }).then(function () {
        // Positions only of the ranges of pages that have all of a phrase's
        // words: the only pages whose positions it reads.
        var wanted = {};
        (phrases || []).forEach(function (ws) {
          var terms = ws.map(phraseTerm), ranges = {};
          phraseCandidates(terms).forEach(function (d) { ranges[rangeOf(d)] = true; });
          terms.forEach(function (t) {
            Object.keys(ranges).forEach(function (r) { wanted[positionsFile(t, r)] = true; });
          });
        });
        return Promise.all(Object.keys(wanted).filter(function (f) { return !(f in positionFiles); }).map(function (f) {
          return load(f).then(function (d) { positionFiles[f] = d || {}; });
        }));
      });
    }
    function synonymsOf(word) {
      if (meta.syn[word]) return meta.syn[word];
      if (shouldStem(word)) return meta.syn['Z' + stemOf(word)] || null;
      return null;
    }

    // Vocabulary terms starting with `prefix` (as-you-type), most frequent first.
    function completions(prefix) {
      var sh = shardOf(prefix);
      if (!sh) return [];
      var terms = {};
      Object.keys(sh.w || {}).forEach(function (w) { if (w.indexOf(prefix) === 0) terms['Z' + stemOf(w)] = true; });
      Object.keys(sh.p || {}).forEach(function (t) { if (t[0] !== 'Z' && t.indexOf('XS') !== 0 && t.indexOf(prefix) === 0) terms[t] = true; });
      return Object.keys(terms).slice(0, 64);
    }

    // OrPostList's estimate of how many documents match any of `freqs`,
    // combined as OrContext does (the two rarest first, Huffman-like).
    function orEstimate(freqs) {
      var n = meta.n;
      var heap = freqs.slice().sort(function (x, y) { return x - y; });
      while (heap.length > 1) {
        var r = heap.shift(), l = heap.shift();
        var est = Math.floor(l + r - (l * r / n) + 0.5);
        var pos = 0;
        while (pos < heap.length && heap[pos] < est) pos++;
        heap.splice(pos, 0, est);
      }
      return heap.length ? heap[0] : 0;
    }

    function termWeight(tf, wqf) {
      var tw = (meta.n - tf + 0.5) / (tf + 0.5);
      if (tw < 2) tw = tw * 0.5 + 1;
      var w = Math.log(tw);
      if (meta.k3 !== 0) w *= (meta.k3 + 1) * wqf / (meta.k3 + wqf);
      return w * (meta.k1 + 1);
    }

    // BM25's share of a page for a term of weight `tw` it has `wdf` times.
    function bm25(did, wdf, tw) {
      var len = meta.lengths[did - 1] || 0;
      var normlen = Math.max(len * (meta.avlen ? 1 / meta.avlen : 0), meta.min_normlen);
      return tw * (wdf / (meta.k1 * (normlen * meta.b + (1 - meta.b)) + wdf));
    }

    function score(list) {
      var scores = new Map();
      function add(did, wdf, tw) { scores.set(did, (scores.get(did) || 0) + bm25(did, wdf, tw)); }
      // Each leaf is weighted alone, with its own wqf of 1: Xapian 1.4 does
      // not merge a repeated word ("forest forest" weighs twice "forest").
      list.forEach(function (leaf) {
        if (leaf.term) {
          var p = postings(leaf.term);
          if (!p.docs.length) return;
          var tw = termWeight(p.docs.length, 1);
          for (var i = 0; i < p.docs.length; i++) add(p.docs[i], p.wdfs[i], tw);
        } else {
          var sum = new Map();
          var freqs = [];
          leaf.syn.forEach(function (t) {
            var p = postings(t);
            freqs.push(p.docs.length);
            for (var i = 0; i < p.docs.length; i++) sum.set(p.docs[i], (sum.get(p.docs[i]) || 0) + p.wdfs[i]);
          });
          if (!sum.size) return;
          var tw = termWeight(orEstimate(freqs), 1);
          sum.forEach(function (wdf, did) {
            var len = meta.lengths[did - 1] || 0;
            add(did, Math.min(wdf, len), tw);
          });
        }
      });
      return scores;
    }

    // A phrase's pages: those with its terms at consecutive positions
    // (Xapian's exact phrase), each weighted as its terms are, with their
    // wdf on the page (an AND of them).
    function phraseScores(words) {
      var terms = words.map(phraseTerm);
      var lists = terms.map(postings);
      var out = new Map();
      if (lists.some(function (p) { return !p.docs.length; })) return out;
      var index = lists.map(function (p) {
        var m = new Map();
        p.docs.forEach(function (d, i) { m.set(d, i); });
        return m;
      });
      var tws = lists.map(function (p) { return termWeight(p.docs.length, 1); });
      lists[0].docs.forEach(function (did) {
        var idx = index.map(function (m) { return m.get(did); });
        if (idx.some(function (i) { return i === undefined; })) return;
        var later = terms.map(function (t, k) { return new Set(positionsOn(t, idx[k], did)); });
        var found = positionsOn(terms[0], idx[0], did).some(function (p) {
          for (var k = 1; k < terms.length; k++) if (!later[k].has(p + k)) return false;
          return true;
        });
        if (!found) return;
        var w = 0;
        lists.forEach(function (p, k) { w += bm25(did, p.wdfs[idx[k]], tws[k]); });
        out.set(did, w);
      });
      return out;
    }

    // Every page, weight 0 (what a query of NOTs alone starts from).
    function everyPage() {
      var all = new Map();
      for (var d = 1; d <= meta.last; d++) if (meta.lengths[d - 1] !== undefined) all.set(d, 0);
      return all;
    }

    // The leaf a query word searches: its term with its synonyms; the word
    // being typed (`prefixWord`), every word it begins too.
    function wordLeaf(w, typed, prefixWord) {
      if (typed && w === prefixWord) {
        var terms = {};
        completions(w).concat([termOf(w)], synonymsOf(w) || []).forEach(function (t) { terms[t] = true; });
        return { syn: Object.keys(terms) };
      }
      var syns = synonymsOf(w);
      return syns ? { syn: [termOf(w)].concat(syns) } : { term: termOf(w) };
    }

    // A parsed query's pages and weights (query.js parseQuery()), as Xapian
    // weighs its operators: OR and AND add their items' weights (AND keeps
    // the pages having all), AND_NOT keeps the left's pages without the
    // right's, AND_MAYBE adds the right's weight to the left's pages.
    function evaluate(node, prefixWord) {
      if (!node) return new Map();
      switch (node.type) {
        case 'word': return score([wordLeaf(node.word, node.typed, prefixWord)]);
        case 'term': return score([{ term: phraseTerm(node) }]);
        case 'phrase': return phraseScores(node.words);
        case 'all': return everyPage();
        case 'or': {
          var total = new Map();
          node.items.forEach(function (item) {
            evaluate(item, prefixWord).forEach(function (s, did) { total.set(did, (total.get(did) || 0) + s); });
          });
          return total;
        }
        case 'and': {
          var acc = null;
          node.items.forEach(function (item) {
            var g = evaluate(item, prefixWord);
            if (acc === null) { acc = g; return; }
            var both = new Map();
            acc.forEach(function (s, did) { if (g.has(did)) both.set(did, s + g.get(did)); });
            acc = both;
          });
          return acc || new Map();
        }
        case 'andnot': {
          var left = evaluate(node.left, prefixWord);
          evaluate(node.right, prefixWord).forEach(function (s, did) { left.delete(did); });
          return left;
        }
        case 'maybe': {
          var must = evaluate(node.left, prefixWord);
          evaluate(node.right, prefixWord).forEach(function (s, did) { if (must.has(did)) must.set(did, must.get(did) + s); });
          return must;
        }
      }
      return new Map();
    }

    // For a query of plain words (no operator, bracket or +word), for each
    // longest run of `words` that is a synonym key, left to right, a leaf of
    // that key's synonyms, ORed with the query (searcher.cc
    // with_phrase_synonyms()).
    function phraseSynonyms(words) {
      var out = [];
      for (var i = 0; i < words.length;) {
        var longest = 0;
        for (var j = words.length; j >= i + 2 && !longest; j--)
          if (meta.syn[words.slice(i, j).join(' ')]) longest = j;
        if (!longest) { i++; continue; }
        out.push({ syn: meta.syn[words.slice(i, longest).join(' ')].slice() });
        i = longest;
      }
      return out;
    }

    function sorted(scores) {
      var ranked = [];
      scores.forEach(function (s, did) { ranked.push({ docid: did, score: s }); });
      ranked.sort(function (x, y) { return y.score - x.score || x.docid - y.docid; });
      return ranked;
    }

    // Calls visit(n) for each node of a query tree (query.js), the right
    // side of an AND NOT (what it excludes) too when `excluded`.
    function eachNode(n, visit, excluded) {
      if (!n) return;
      visit(n);
      (n.items || []).forEach(function (m) { eachNode(m, visit, excluded); });
      eachNode(n.left, visit, excluded);
      if (excluded || n.type !== 'andnot') eachNode(n.right, visit, excluded);
    }

    // A normalized query read (query.js) and ranked: {words, excluded,
    // ranked, terms (to mark)} once its shards are loaded (ready()).
    function reader(norm, prefix) {
      var parsed = Q.parseQuery(norm, isStop);
      var r = {
        norm: norm, parsed: parsed, prefixWord: null, words: parsed.words, excluded: parsed.excluded,
        runWords: parsed.plain ? Q.synonymWords(norm) : [], phrases: [],
      };
      eachNode(parsed.tree, function (n) { if (n.type === 'phrase') r.phrases.push(n.words); }, true);
      if (prefix && parsed.last && Array.from(parsed.last).length >= 2) r.prefixWord = parsed.last;
      r.ready = function () {
        return prepare(r.words.concat(r.excluded), r.prefixWord, r.runWords, r.phrases).then(function () {
          // A word no indexed term starts with is not being typed further: a
          // finished word, perhaps misspelt, which correction then takes (as
          // kb search's prefix mode does).
          if (r.prefixWord && !completions(r.prefixWord).length) r.prefixWord = null;
          return r;
        });
      };
      r.rank = function () {
        var scores = evaluate(parsed.tree, r.prefixWord);
        phraseSynonyms(r.runWords).forEach(function (leaf) {
          score([leaf]).forEach(function (s, did) { scores.set(did, (scores.get(did) || 0) + s); });
        });
        return sorted(scores);
      };
      // The terms to mark in results: the searched words' (not the excluded).
      r.terms = function () {
        var terms = {};
        var add = function (t) { terms[t] = true; };
        eachNode(parsed.tree, function (n) {
          if (n.type === 'word') { var l = wordLeaf(n.word, n.typed, r.prefixWord); (l.term ? [l.term] : l.syn).forEach(add); }
          if (n.type === 'term') add(phraseTerm(n));
          if (n.type === 'phrase') n.words.forEach(function (w) { add(phraseTerm(w)); });
        }, false);
        phraseSynonyms(r.runWords).forEach(function (leaf) { leaf.syn.forEach(add); });
        return Object.keys(terms);
      };
      return r;
    }

    // A word the index does not know: the closest vocabulary word of its
    // shard (one edit below 8 characters, two from 8; the commonest stem
    // wins a tie).
    function suggest(word) {
      if (!shouldStem(word) || isStop(word)) return null;
      var sh = shardOf(word);
      if (!sh || !sh.w) return null;
      if (sh.w[word] !== undefined || (sh.p && sh.p[word])) return null;  // a word of the index
      // One edit below 8 characters, two from 8 (searcher.cc max_edits()).
      var limit = Array.from(word).length < 8 ? 1 : 2;
      var best = null, bestD = limit + 1, bestF = -1;
      Object.keys(sh.w).forEach(function (w) {
        var d = editDistance(word, w, limit);
        if (d > limit) return;
        var f = postings('Z' + stemOf(w)).docs.length;
        if (d < bestD || (d === bestD && f > bestF)) { best = w; bestD = d; bestF = f; }
      });
      return best;
    }

    // `norm` with each word the index does not know replaced by suggest()'s
    // word, as searcher.cc correct() does: every word but operators, field
    // names, wildcards and the word being typed; null when none changed.
    function corrected(norm, prefixWord) {
      var out = '', at = 0, changed = false;
      var toks = tokenize(norm);
      toks.forEach(function (tk, i) {
        if (prefixWord && i === toks.length - 1 && tk.word === prefixWord) return;
        var next = norm[tk.end];
        if (next === ':' || next === '*' || Q.isOperator(norm.slice(tk.start, tk.end))) return;
        var s = suggest(tk.word);
        if (!s || s === tk.word) return;
        out += norm.slice(at, tk.start) + s;
        at = tk.end;
        changed = true;
      });
      return changed ? out + norm.slice(at) : null;
    }

    // search(query, {prefix: bool}) -> Promise of {query, corrected, total,
    // results: [{docid, score}], terms: [terms matched, for highlighting]}.
    function search(query, opts) {
      opts = opts || {};
      return loadMeta().then(function () {
        var norm = normalizeQuery(query);
        var typing = opts.prefix && !/\s$/.test(query);
        return reader(norm, typing).ready();
      }).then(function (first) {
        var ranked = first.rank();
        var out = { query: query, corrected: null, total: ranked.length, ranked: ranked, terms: first.terms() };
        var fixed = corrected(first.norm, first.prefixWord);
        if (fixed === null) return exactTitleFirst(out);
        return reader(fixed, first.prefixWord !== null).ready().then(function (second) {
          var again = second.rank();
          if (again.length >= Math.max(ranked.length, 1)) {
            out.corrected = fixed.split(' ').filter(Boolean).join(' ');
            out.total = again.length;
            out.ranked = again;
            out.terms = second.terms();
          }
          return exactTitleFirst(out);
        });
      });
    }

    // A result titled exactly as the query comes first, wherever it ranks:
    // the index has each page's exact title as a term ("XE" + titleKey();
    // search/schema.h, searcher.cc). Returns a promise of `out`.
    function exactTitleFirst(out) {
      var asked = titleKey(out.corrected !== null ? out.corrected : out.query);
      if (!titleKey(out.query) || !asked || !out.ranked.length) return Promise.resolve(out);
      var term = 'XE' + asked;
      return loadShards([shardKey(term)]).then(function () {
        var titled = new Set(postings(term).docs);
        if (!titled.size) return out;
        var first = [], rest = [];
        out.ranked.forEach(function (h) { (titled.has(h.docid) ? first : rest).push(h); });
        if (first.length) out.ranked = first.concat(rest);
        return out;
      });
    }

    // Wrap words of `text` whose term is one of `terms` in <mark>; escape the rest.
    function highlight(text, terms) {
      var set = {};
      terms.forEach(function (t) { set[t] = true; });
      var out = '', at = 0;
      tokenize(text).forEach(function (tk) {
        var t = termOf(tk.word);
        if (!set[t] && !set[tk.word]) return;
        out += escapeHtml(text.slice(at, tk.start)) + '<mark>' + escapeHtml(text.slice(tk.start, tk.end)) + '</mark>';
        at = tk.end;
      });
      return out + escapeHtml(text.slice(at));
    }

    function docOf(did) {
      return loadMeta().then(function () {
        var per = meta.docs_per_file || 1;
        return load('d:' + Math.floor((did - 1) / per));
      }).then(function (d) { return d ? d[did] || null : null; });
    }

    return {
      search: search,
      // What a result shows: {title, url, breadcrumb, summary} (files hold
      // meta.docs_per_file pages each).
      doc: docOf,
      highlight: highlight,
      termOf: termOf,
      loadShardsFor: function (words) { return loadMeta().then(function () { return prepare(words, null); }); },
      meta: function () { return meta; },
    };
  }

  function escapeHtml(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  var api = {
    createEngine: createEngine,
    tokenize: tokenize,
    normalizeQuery: normalizeQuery,
    shardKey: shardKey,
    decodeVarints: decodeVarints,
    escapeHtml: escapeHtml,
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  global.kbSearchEngine = api;
})(typeof window !== 'undefined' ? window : globalThis);
