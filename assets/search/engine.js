/* kb search engine: ranks the static index (search/ in a built site, written
   from the Xapian database by search/static_export.cc) the way `kb search`
   does: the same tokenizer, stop words, stemming (Porter2: the index's own
   word -> stem table, else the porter2 stemmer), synonyms (Xapian's
   auto-synonym expansion, OP_SYNONYM) and BM25 (Xapian's BM25Weight with its
   default parameters and the index's own document lengths). Plain queries
   (words, OR) rank exactly as Xapian does (tests/search/parity.test.mjs);
   -word and NOT word exclude; quotes, fields and other operators are read
   as plain words. No DOM here: the same file runs in node for the tests.

   createEngine(load): load(name) returns a Promise of a data file's object
   ("meta", "t:<key>", "d:<n>") or null when it is missing. */
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

  // Xapian::Unicode::is_wordchar: letters, marks, numbers, connector punctuation.
  var WORDCHAR = /[\p{L}\p{M}\p{N}\p{Pc}]/u;
  var DECIMAL = /\p{Nd}/u;
  var STEMMABLE = /^[\p{Ll}\p{Lt}\p{Lm}\p{Lo}]/u;
  var OPERATORS = { AND: 1, OR: 1, NOT: 1, XOR: 1, NEAR: 1, ADJ: 1 };
  var MAX_QUERY_BYTES = 1024;
  var MAX_TERM_BYTES = 64;

  function isWordchar(ch) { return ch !== undefined && WORDCHAR.test(ch); }
  function lower(ch) { var l = ch.toLowerCase(); return l.length === ch.length ? l : ch; }
  function utf8Length(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c < 0xdc00) { n += 4; i++; }
      else n += 3;
    }
    return n;
  }

  function checkInfix(ch) {
    if (ch === "'" || ch === '&' || ch === '\u00b7' || ch === '\u05f4' || ch === '\u2027') return ch;
    if (ch === '\u2019' || ch === '\u201b') return "'";
    var c = ch.codePointAt(0);
    if (c >= 0x200b && (c <= 0x200d || c === 0x2060 || c === 0xfeff)) return '';
    return null;
  }
  function checkInfixDigit(ch) {
    if (',.;\u037e\u0589\u060d\u07f8\u2044\ufe10\ufe13\ufe14'.indexOf(ch) >= 0) return ch;
    var c = ch.codePointAt(0);
    if (c >= 0x200b && (c <= 0x200d || c === 0x2060 || c === 0xfeff)) return '';
    return null;
  }

  // Words of `text` as Xapian's TermGenerator/QueryParser read them (the
  // rules of search/tokenizer.cc; initials like "U.S.A." are not joined:
  // queries are lowercased first). Returns [{word, start, end}] (UTF-16 offsets).
  function tokenize(text) {
    var chars = Array.from(text);
    var offsets = [];
    var off = 0;
    for (var k = 0; k < chars.length; k++) { offsets.push(off); off += chars[k].length; }
    offsets.push(off);
    var out = [];
    var i = 0, n = chars.length;
    while (i < n) {
      while (i < n && !isWordchar(chars[i])) i++;
      if (i >= n) break;
      var start = i;
      var term = '';
      var prev = '';
      for (;;) {
        while (i < n && isWordchar(chars[i])) { prev = lower(chars[i]); term += prev; i++; }
        if (i >= n || i + 1 >= n || !isWordchar(chars[i + 1])) break;
        var infix = (DECIMAL.test(prev) && DECIMAL.test(chars[i + 1])) ? checkInfixDigit(chars[i]) : checkInfix(chars[i]);
        if (infix === null) break;
        term += infix;
        i++;
      }
      if (i < n) {
        var len = term.length, count = 0, cut = false;
        while (i < n && (chars[i] === '+' || chars[i] === '#')) {
          if (++count > 3) { term = term.slice(0, len); cut = true; break; }
          term += chars[i];
          i++;
        }
        if (!cut && i < n && isWordchar(chars[i])) term = term.slice(0, len);
        else if (cut && isWordchar(chars[i])) term = term.slice(0, len);
      }
      if (term && utf8Length(term) <= MAX_TERM_BYTES) out.push({ word: term, start: offsets[start], end: offsets[i] });
    }
    return out;
  }

  // search/searcher.cc normalize_query(): control characters as spaces, cut
  // at 1024 UTF-8 bytes, a space before a '"' that follows a word, every
  // word lowercased except the operators.
  var EXACT_TITLE_WINDOW = 20, EXACT_TITLE_MAX_WORDS = 8;  // search/schema.h
  // searcher.cc title_key(): lowercased, each run of characters that are not
  // word characters (letters, marks, numbers, connectors) one space, trimmed.
  function titleKey(s) {
    return String(s || '').split(/[^\p{L}\p{M}\p{N}\p{Pc}]+/u).filter(Boolean).map(function (w) {
      return Array.from(w).map(lower).join('');
    }).join(' ');
  }

  // search/searcher.cc split_joined_words(): words joined by - / \\ or :
  // outside quotes read as words side by side (a field's colon, NEAR/n and
  // ADJ/n stay; any other colon after a word goes), and sentence
  // punctuation (, ; ! ? and a word's final '.') is a space.
  function splitJoinedWords(q) {
    var wordChar = function (c) { return c !== undefined && (/[A-Za-z0-9]/.test(c) || c.charCodeAt(0) >= 0x80); };
    var joiner = function (c) { return c === '-' || c === '/' || c === '\\' || c === ':'; };
    var chars = q.split(''), quoted = false, field = false, begin = 0;
    for (var k = 0; k < chars.length; k++) {
      var c = chars[k];
      if (c === '"') quoted = !quoted;
      if (!quoted && (c === ',' || c === ';' || c === '!' || c === '?' ||
                      (c === '.' && (k + 1 === chars.length || q[k + 1] === ' ')))) {
        chars[k] = ' ';
        begin = k + 1;
        continue;
      }
      if (c === ' ') field = false;
      if (!wordChar(c) && !joiner(c)) begin = k + 1;
      if (field) continue;  // a field's value stays whole ("domain:data-engineering")
      // A colon after a word is a field's or nothing ("auditing: which").
      if (quoted || !joiner(c) || k === 0 || !wordChar(q[k - 1]) || (!wordChar(q[k + 1]) && c !== ':')) continue;
      var before = q.slice(begin, k).toLowerCase();
      if (c === ':' && (before === 'title' || before === 'tag' || before === 'domain' || before === 'kind')) {
        field = true;
        continue;
      }
      if (c === '/' && (before === 'near' || before === 'adj')) continue;
      chars[k] = ' ';
      begin = k + 1;
    }
    return chars.join('');
  }

  function normalizeQuery(q) {
    var chars = Array.from(String(q));
    var bytes = 0, cut = [];
    for (var i = 0; i < chars.length; i++) {
      bytes += utf8Length(chars[i]);
      if (bytes > MAX_QUERY_BYTES) break;
      var c = chars[i].charCodeAt(0);
      cut.push(c < 0x20 || c === 0x7f ? ' ' : chars[i]);
    }
    var spaced = '';
    for (var j = 0; j < cut.length; j++) {
      if (cut[j] === '"' && j > 0 && (/[A-Za-z0-9]/.test(cut[j - 1]) || cut[j - 1].charCodeAt(0) >= 0x80)) spaced += ' ';
      spaced += cut[j];
    }
    return splitJoinedWords(spaced).split(' ').map(function (tok) {
      var core = tok.replace(/^\(+/, '').replace(/\)+$/, '');
      if (OPERATORS[core] || /^(NEAR|ADJ)\//.test(core)) return tok;
      return Array.from(tok).map(lower).join('');
    }).join(' ');
  }

  var HEX = '0123456789abcdef';
  // search/static_export.cc shard_key(): the term without "Z"/"XS", its first
  // two characters, bytes outside [a-z0-9] as "_xx".
  function shardKey(term) {
    if (term.length > 1 && term[0] === 'Z') term = term.slice(1);
    else if (term.indexOf('XS') === 0) term = term.slice(2);
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

    // Parse a normalized query into positive words (in order) and excluded words.
    function parse(norm) {
      var words = [], excluded = [];
      var tokens = norm.split(' ').filter(Boolean);
      var negate = false;
      for (var i = 0; i < tokens.length; i++) {
        var tok = tokens[i];
        if (tok === 'NOT') { negate = true; continue; }
        if (OPERATORS[tok.replace(/^\(+|\)+$/g, '')]) continue;
        var minus = tok[0] === '-';
        var ws = tokenize(tok.replace(/^[a-z_]+:/, ''));
        for (var k = 0; k < ws.length; k++) (negate || minus ? excluded : words).push(ws[k].word);
        negate = false;
      }
      return { words: words, excluded: excluded };
    }

    // The query's structure as Xapian's QueryParser reads it (no
    // parentheses): OR binds loosest, then AND and NOT, left to right, then
    // each group of words between them (ORed; "+word" required, "-word"
    // excluded). {or: [[{op, group}, ...], ...]}, the first op of each AND
    // chain null; a group is {words, required, excluded}. {plain: true} for
    // a query with no operator and no "+word" (ranked as plain words, with
    // phrase synonyms: rank()); null with parentheses, XOR, NEAR or ADJ (read
    // as plain words too, without phrase synonyms, as kb search does).
    function structure(norm) {
      var tokens = norm.split(' ').filter(Boolean);
      var boolean = false;
      for (var i = 0; i < tokens.length; i++) {
        var t = tokens[i];
        if (/[()]/.test(t) || t === 'XOR' || /^(NEAR|ADJ)(\/|$)/.test(t)) return null;
        if (t === 'AND' || t === 'OR' || t === 'NOT' || (t[0] === '+' && t.length > 1)) boolean = true;
      }
      if (!boolean) return { plain: true };
      var or = [], chain = [], op = null;
      var group = { words: [], required: [], excluded: [] };
      function close() {
        if (group.words.length || group.required.length || group.excluded.length) chain.push({ op: op, group: group });
        group = { words: [], required: [], excluded: [] };
      }
      tokens.forEach(function (tok) {
        if (tok === 'AND' || tok === 'NOT') { close(); op = tok; return; }
        if (tok === 'OR') { close(); if (chain.length) or.push(chain); chain = []; op = null; return; }
        var sign = tok[0] === '+' || tok[0] === '-' ? tok[0] : '';
        var ws = tokenize((sign ? tok.slice(1) : tok).replace(/^[a-z_]+:/, ''));
        ws.forEach(function (w) {
          (sign === '+' ? group.required : sign === '-' ? group.excluded : group.words).push(w.word);
        });
      });
      close();
      if (chain.length) or.push(chain);
      return or.length ? { or: or } : null;
    }

    // Every shard a query needs: its words' and their stems' and synonyms'.
    function prepare(words, prefixWord) {
      var keys = words.map(shardKey);
      if (prefixWord) keys.push(shardKey(prefixWord));
      return loadShards(keys).then(function () {
        var more = [];
        words.forEach(function (w) {
          var t = termOf(w);
          more.push(shardKey(t));
          (synonymsOf(w) || []).forEach(function (s) { more.push(shardKey(s)); });
        });
        for (var i = 0; i + 1 < words.length; i++) {
          for (var j = i + 2; j <= words.length; j++) {
            var syn = meta.syn[words.slice(i, j).join(' ')];
            if (syn) syn.forEach(function (s) { more.push(shardKey(s)); });
          }
        }
        if (prefixWord) completions(prefixWord).forEach(function (t) { more.push(shardKey(t)); });
        return loadShards(more);
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

    // Leaves of the OR query, as kb search builds it: each word a leaf (with
    // its synonyms, as Xapian's FLAG_AUTO_SYNONYMS), stop words left out
    // unless all are; and, with `phrases` (a query of plain words), for each
    // longest run of words that is a synonym key, left to right, one more
    // leaf of that key's synonyms (searcher.cc with_phrase_synonyms()).
    function leaves(words, useStopper, prefixWord, phrases) {
      var out = [];
      var stopped = 0;
      words.forEach(function (w, i) {
        if (useStopper && isStop(w)) { stopped++; return; }
        if (prefixWord && i === words.length - 1 && w === prefixWord) {
          // The word being typed: every word it begins, itself and its synonyms.
          var terms = {};
          completions(w).concat([termOf(w)], synonymsOf(w) || []).forEach(function (t) { terms[t] = true; });
          out.push({ syn: Object.keys(terms) });
          return;
        }
        var syns = synonymsOf(w);
        out.push(syns ? { syn: [termOf(w)].concat(syns) } : { term: termOf(w) });
      });
      if (!out.length && stopped && useStopper) return leaves(words, false, prefixWord, phrases);
      if (!phrases) return out;
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

    function score(list) {
      var scores = new Map();
      var lenFactor = meta.avlen ? 1 / meta.avlen : 0;
      var k1 = meta.k1, b = meta.b, minNorm = meta.min_normlen;
      function add(did, wdf, tw) {
        var len = meta.lengths[did - 1] || 0;
        var normlen = Math.max(len * lenFactor, minNorm);
        var denom = k1 * (normlen * b + (1 - b)) + wdf;
        scores.set(did, (scores.get(did) || 0) + tw * (wdf / denom));
      }
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

    function rank(words, excluded, prefixWord, phrases) {
      var list = leaves(words, true, prefixWord, phrases);
      var scores = score(list);
      excluded.forEach(function (w) {
        var syns = synonymsOf(w);
        [termOf(w)].concat(syns || []).forEach(function (t) {
          postings(t).docs.forEach(function (d) { scores.delete(d); });
        });
      });
      var ranked = [];
      scores.forEach(function (s, did) { ranked.push({ docid: did, score: s }); });
      ranked.sort(function (x, y) { return y.score - x.score || x.docid - y.docid; });
      return ranked;
    }

    // Documents with any term of `w` (its own, or its synonyms').
    function docsOf(w) {
      var set = new Set();
      [termOf(w)].concat(synonymsOf(w) || []).forEach(function (t) {
        postings(t).docs.forEach(function (d) { set.add(d); });
      });
      return set;
    }

    // Every page, weight 0 (what a query of NOTs alone starts from).
    function everyPage() {
      var all = new Map();
      for (var d = 1; d <= meta.last; d++) if (meta.lengths[d - 1] !== undefined) all.set(d, 0);
      return all;
    }

    // A group's documents and weights: its words ORed (stop words left out
    // unless all are), its required words too but each one a must, its
    // excluded words a must-not; only excluded words: every other page,
    // weight 0 (Xapian's pure NOT).
    function rankGroup(g, fix, prefixWord) {
      var words = g.words.map(fix), required = g.required.map(fix), excluded = g.excluded.map(fix);
      var scores;
      if (!words.length && !required.length) {
        scores = everyPage();
      } else {
        scores = score(leaves(words, true, prefixWord).concat(leaves(required, false, null)));
      }
      required.forEach(function (w) {
        var has = docsOf(w);
        scores.forEach(function (s, did) { if (!has.has(did)) scores.delete(did); });
      });
      excluded.forEach(function (w) { docsOf(w).forEach(function (did) { scores.delete(did); }); });
      return scores;
    }

    // A query's structure (structure()) ranked as Xapian does: AND keeps
    // pages of both sides and adds their weights, NOT keeps the left side's
    // pages without the right's, OR adds the weights of either.
    function rankStructure(tree, fix, prefixWord) {
      var total = new Map();
      tree.or.forEach(function (chain) {
        var acc = null;
        chain.forEach(function (link) {
          var g = rankGroup(link.group, fix, prefixWord);
          if (acc === null && link.op !== 'NOT') { acc = g; return; }
          if (acc === null) acc = everyPage();  // "NOT x" alone: every other page
          if (link.op === 'NOT') {
            g.forEach(function (s, did) { acc.delete(did); });
          } else {
            var both = new Map();
            acc.forEach(function (s, did) { if (g.has(did)) both.set(did, s + g.get(did)); });
            acc = both;
          }
        });
        if (acc) acc.forEach(function (s, did) { total.set(did, (total.get(did) || 0) + s); });
      });
      var ranked = [];
      total.forEach(function (s, did) { ranked.push({ docid: did, score: s }); });
      ranked.sort(function (x, y) { return y.score - x.score || x.docid - y.docid; });
      return ranked;
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

    // search(query, {prefix: bool}) -> Promise of {query, corrected, total,
    // results: [{docid, score}], terms: [terms matched, for highlighting]}.
    function search(query, opts) {
      opts = opts || {};
      return loadMeta().then(function () {
        var norm = normalizeQuery(query);
        var tree = structure(norm);
        var plain = !!(tree && tree.plain);  // phrase synonyms apply
        if (plain) tree = null;
        var parsed = tree ? { words: [], excluded: [] } : parse(norm);
        if (tree) {  // its words in query order, for shards, correction and marks
          tree.or.forEach(function (chain) {
            chain.forEach(function (link) {
              var g = link.group;
              parsed.words = parsed.words.concat(g.words, g.required);
              parsed.excluded = parsed.excluded.concat(g.excluded);
            });
          });
        }
        var prefixWord = null;
        if (opts.prefix && parsed.words.length && !/\s$/.test(query)) {
          var last = parsed.words[parsed.words.length - 1];
          if (Array.from(last).length >= 2) prefixWord = last;
        }
        function rankWith(fix) {
          if (tree) return rankStructure(tree, function (w) { return fix[w] || w; }, prefixWord);
          return rank(parsed.words.map(function (w) { return fix[w] || w; }), parsed.excluded, prefixWord, plain);
        }
        return prepare(parsed.words.concat(parsed.excluded), prefixWord).then(function () {
          // A word no indexed term starts with is not being typed further: a
          // finished word, perhaps misspelt, which correction then takes (as
          // kb search's prefix mode does).
          if (prefixWord && !completions(prefixWord).length) prefixWord = null;
          var ranked = rankWith({});
          var out = { query: query, corrected: null, total: ranked.length, ranked: ranked };
          // kb search corrects every word of a query with operators, and the
          // words (not the excluded ones) of a plain query.
          var fix = {}, changed = false;
          (tree ? parsed.words.concat(parsed.excluded) : parsed.words).forEach(function (w) {
            if (w === prefixWord) return;
            var s = suggest(w);
            if (s) { fix[w] = s; changed = true; }
          });
          if (!changed) return exactTitleFirst(finish(out, parsed.words, prefixWord));
          var fixed = parsed.words.map(function (w) { return fix[w] || w; });
          return prepare(fixed.concat(parsed.excluded.map(function (w) { return fix[w] || w; })), prefixWord).then(function () {
            var second = rankWith(fix);
            if (second.length >= Math.max(ranked.length, 1)) {
              out.corrected = tree ? norm.split(' ').filter(Boolean).map(function (tok) {
                var sign = tok[0] === '+' || tok[0] === '-' ? tok[0] : '';
                var word = sign ? tok.slice(1) : tok;
                return fix[word] ? sign + fix[word] : tok;
              }).join(' ') : fixed.join(' ');
              out.total = second.length;
              out.ranked = second;
              return exactTitleFirst(finish(out, fixed, prefixWord));
            }
            return exactTitleFirst(finish(out, parsed.words, prefixWord));
          });
        });
      });
    }
    // A result titled exactly as the query comes first, when among the first
    // EXACT_TITLE_WINDOW and the query has at most EXACT_TITLE_MAX_WORDS
    // words (search/schema.h; searcher.cc): their cards are read to know.
    // Returns a promise of `out`.
    function exactTitleFirst(out) {
      var typed = titleKey(out.query);
      if (!typed || typed.split(' ').length > EXACT_TITLE_MAX_WORDS) return Promise.resolve(out);
      var asked = titleKey(out.corrected !== null ? out.corrected : out.query);
      var head = out.ranked.slice(0, EXACT_TITLE_WINDOW);
      if (!asked || !head.length) return Promise.resolve(out);
      return Promise.all(head.map(function (h) { return docOf(h.docid); })).then(function (cards) {
        var first = [], rest = [];
        head.forEach(function (h, i) { (cards[i] && titleKey(cards[i].title) === asked ? first : rest).push(h); });
        if (first.length) out.ranked = first.concat(rest, out.ranked.slice(head.length));
        return out;
      });
    }

    function finish(out, words, prefixWord) {
      var terms = {};
      leaves(words, true, prefixWord).forEach(function (leaf) {
        (leaf.term ? [leaf.term] : leaf.syn).forEach(function (t) { terms[t] = true; });
      });
      out.terms = Object.keys(terms);
      return out;
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
