/* kb search queries: how a query reads, as `kb search` reads it (Xapian's
   QueryParser with the flags and normalisation of search/searcher.cc), for
   the browser's engine (engine.js), which ranks what parseQuery() returns.
   Its words as Xapian's TermGenerator splits them (tokenize), the query
   normalised (normalizeQuery), and its structure: words, "phrases",
   (brackets), +required and -excluded, AND, OR, NOT, in the QueryParser's
   precedence, with its rules for stop words. No DOM here: the same file runs
   in node for the tests. */
(function (global) {
  'use strict';

  // Xapian::Unicode::is_wordchar: letters, marks, numbers, connector punctuation.
  var WORDCHAR = /[\p{L}\p{M}\p{N}\p{Pc}]/u;
  var DECIMAL = /\p{Nd}/u;
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
  function isOperator(tok) { return !!OPERATORS[tok] || /^(NEAR|ADJ)\//.test(tok); }

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

  // searcher.cc title_key(): lowercased, each run of characters that are not
  // word characters (letters, marks, numbers, connectors) one space, trimmed.
  function titleKey(s) {
    return String(s || '').split(/[^\p{L}\p{M}\p{N}\p{Pc}]+/u).filter(Boolean).map(function (w) {
      return Array.from(w).map(lower).join('');
    }).join(' ');
  }

  function wordByte(c) { return c !== undefined && (/[A-Za-z0-9]/.test(c) || c.charCodeAt(0) >= 0x80); }

  // search/searcher.cc split_joined_words(): words joined by - / \\ or :
  // outside quotes read as words side by side (a field's colon, NEAR/n and
  // ADJ/n stay; any other colon after a word goes), and sentence
  // punctuation (, ; ! ? and a word's final '.') is a space.
  function splitJoinedWords(q) {
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
      if (!wordByte(c) && !joiner(c)) begin = k + 1;
      if (field) continue;  // a field's value stays whole ("domain:data-engineering")
      // A colon after a word is a field's or nothing ("auditing: which").
      if (quoted || !joiner(c) || k === 0 || !wordByte(q[k - 1]) || (!wordByte(q[k + 1]) && c !== ':')) continue;
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

  // search/searcher.cc normalize_query(): control characters as spaces, cut
  // at 1024 UTF-8 bytes, a space before a '"' or '(' that follows a word,
  // every word lowercased except the operators.
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
      if ((cut[j] === '"' || cut[j] === '(') && j > 0 && wordByte(cut[j - 1])) spaced += ' ';
      spaced += cut[j];
    }
    // A ')' that closes nothing is a space (the QueryParser would read the
    // whole query again without synonyms or operators).
    var depth = 0, quoted = false;
    var joined = splitJoinedWords(spaced).split('').map(function (c) {
      if (c === '"') quoted = !quoted;
      if (quoted) return c;
      if (c === '(') depth++;
      else if (c === ')' && depth > 0) depth--;
      else if (c === ')') return ' ';
      return c;
    }).join('');
    return joined.split(' ').map(function (tok) {
      var core = tok.replace(/^\(+/, '').replace(/\)+$/, '');
      if (isOperator(core)) return tok;
      return Array.from(tok).map(lower).join('');
    }).join(' ');
  }

  // The tokens of a normalized query: {t: 'word', word, sign, end, lead},
  // {t: 'phrase', words: [{word, raw}], sign}, {t: 'open', sign}, {t:
  // 'close'}, {t: 'op', op}. A word's `sign` is '+', '-' or ''; `raw` marks
  // a word of a phrase searched unstemmed (an operator's name: the
  // QueryParser leaves a capitalised word unstemmed).
  function lex(norm) {
    var out = [];
    var n = norm.length, i = 0;
    while (i < n) {
      var c = norm[i];
      if (c === ' ') { i++; continue; }
      var sign = '';
      if ((c === '+' || c === '-') && i + 1 < n && norm[i + 1] !== ' ') { sign = c; c = norm[++i]; }
      if (c === '"') {
        var close = norm.indexOf('"', i + 1);
        var end = close < 0 ? n : close;
        var text = norm.slice(i + 1, end);
        var words = tokenize(text).map(function (w) {
          var raw = text.slice(w.start, w.end);
          return { word: w.word, raw: isOperator(raw) };
        });
        out.push({ t: 'phrase', words: words, sign: sign });
        i = close < 0 ? n : close + 1;
        continue;
      }
      if (c === '(') { out.push({ t: 'open', sign: sign }); i++; continue; }
      if (c === ')') { out.push({ t: 'close' }); i++; continue; }
      var j = i;
      while (j < n && norm[j] !== ' ' && norm[j] !== '"' && norm[j] !== '(' && norm[j] !== ')') j++;
      var tok = norm.slice(i, j);
      if (!sign && isOperator(tok)) {
        out.push({ t: 'op', op: tok });
      } else {
        var field = /^[a-z_]+:/.exec(tok);
        var skip = field ? field[0].length : 0;
        tokenize(tok.slice(skip)).forEach(function (w) {
          // `lead`: the token's first word, neither signed nor a field's
          out.push({ t: 'word', word: w.word, sign: sign, end: i + skip + w.end, lead: !sign && !skip && !w.start });
        });
      }
      i = j;
    }
    return out;
  }

  // Query nodes, which engine.js ranks as Xapian does:
  //   {type: 'word', word}           the word's term and its synonyms (OP_SYNONYM)
  //   {type: 'term', word, raw}      the word's term alone (a quoted word)
  //   {type: 'phrase', words}        [{word, raw}]: the terms at consecutive positions
  //   {type: 'or' | 'and', items}    weights added; 'and' keeps pages with every item
  //   {type: 'andnot', left, right}  left's pages without right's
  //   {type: 'maybe', left, right}   left's pages, right's weight added where it matches
  //   {type: 'all'}                  every page, weight 0
  function or(items) { items = items.filter(Boolean); return items.length > 1 ? { type: 'or', items: items } : items[0] || null; }
  function and(items) { items = items.filter(Boolean); return items.length > 1 ? { type: 'and', items: items } : items[0] || null; }
  function andNot(left, right) {
    if (!right) return left;
    return { type: 'andnot', left: left || { type: 'all' }, right: right };
  }

  // parseQuery(norm, isStop) -> {tree, words, excluded, plain, phrases, last}
  // (a query with XOR, NEAR or ADJ reads as plain words: plainReading()).
  // `words`: the words searched for; `excluded`: those
  // excluded; `plain`: no operator, bracket or +word (kb search then adds
  // phrase synonyms); `phrases`: a quoted phrase of two words or more is in
  // it; `last`: the word that ends the query, when it starts a token outside
  // quotes with no sign or field (a word being typed), else null; its node
  // in the tree, if kept, is marked `typed`.
  //
  // The QueryParser's structure: OR (loosest), then AND, NOT and AND NOT, left
  // to right, then each run of elements between them: words, phrases and
  // bracketed queries ORed, +elements required, -elements excluded. Stop
  // words: a run of two or more words side by side loses its stop words
  // unless all are; a word alone is kept when it is its run's only element,
  // else dropped if a stop word; quoted, required and excluded words stay.
  function parseQuery(norm, isStop) {
    var toks = lex(norm);
    for (var k = 0; k < toks.length; k++)
      if (toks[k].t === 'op' && (toks[k].op === 'XOR' || /^(NEAR|ADJ)/.test(toks[k].op))) return plainReading(norm, isStop);
    var words = [], excluded = [], phrases = false, at = 0, thrown = false, retried = false;
    var plain = !toks.some(function (t) { return t.t === 'op' || t.t === 'open' || t.t === 'close' || t.sign === '+'; });

    var lastTok = toks[toks.length - 1];
    var typed = lastTok && lastTok.t === 'word' && lastTok.lead && lastTok.end === norm.length ? lastTok : null;

    function element(tok, into) {
      if (tok.t === 'phrase') {
        tok.words.forEach(function (w) { into.push(w.word); });
        if (tok.words.length > 1) { phrases = true; return { type: 'phrase', words: tok.words }; }
        return tok.words.length ? { type: 'term', word: tok.words[0].word, raw: tok.words[0].raw } : null;
      }
      into.push(tok.word);
      return { type: 'word', word: tok.word };
    }

    // `role`: where the run is: 'not' after NOT, 'or' after OR, else ''.
    function prob(role) {
      var elems = [];  // {sign, node}, or {run: [words side by side]}
      while (at < toks.length) {
        var tok = toks[at];
        if (tok.t === 'op' || tok.t === 'close') break;
        at++;
        if (tok.t === 'open') {
          var sub = expr();
          if (at < toks.length && toks[at].t === 'close') at++;
          if (sub) elems.push({ sign: tok.sign, node: sub });
        } else if (tok.t === 'word' && !tok.sign) {
          var last = elems[elems.length - 1];
          if (last && last.run) last.run.push(tok);
          else elems.push({ run: [tok] });
        } else {  // a phrase, or a +word or -word: its own element, never stopped
          elems.push({ sign: tok.sign, node: element(tok, tok.sign === '-' ? excluded : words) });
        }
      }
      var pos = [], love = [], hate = [];
      elems.forEach(function (e) {
        if (e.run) {
          var stop = function (t) { return isStop(t.word); };
          var kept = e.run;
          if (e.run.length > 1 && !e.run.every(stop)) kept = e.run.filter(function (t) { return !stop(t); });
          if (e.run.length === 1 && elems.length > 1 && stop(e.run[0])) kept = [];
          kept.forEach(function (t) {
            words.push(t.word);
            pos.push(t === typed ? { type: 'word', word: t.word, typed: true } : { type: 'word', word: t.word });
          });
          return;
        }
        (e.sign === '+' ? love : e.sign === '-' ? hate : pos).push(e.node);
      });
      // Only excluded elements: an error that kb search catches after NOT
      // or OR, and on which the QueryParser reads the query again anywhere
      // else.
      if (!pos.length && !love.length && hate.length) {
        if (role) thrown = true;
        else retried = true;
      }
      var query = or(pos), must = and(love);
      var node = must ? (query ? { type: 'maybe', left: must, right: query } : must) : query;
      return andNot(node, or(hate));
    }

    function conj(role) {
      var left;
      if (at < toks.length && toks[at].t === 'op' && toks[at].op === 'NOT') {
        at++;
        left = andNot(null, prob('not'));
      } else {
        left = prob(role);
      }
      while (at < toks.length && toks[at].t === 'op' && (toks[at].op === 'AND' || toks[at].op === 'NOT')) {
        var op = toks[at++].op;
        if (op === 'AND' && at < toks.length && toks[at].t === 'op' && toks[at].op === 'NOT') { op = 'NOT'; at++; }
        // "AND -x y" reads as "AND NOT x y".
        if (op === 'AND' && at < toks.length && toks[at].sign === '-') { op = 'NOT'; toks[at].sign = ''; }
        var right = prob(op === 'NOT' ? 'not' : '');
        left = op === 'NOT' ? andNot(left, right) : and([left, right]);
      }
      return left;
    }

    function expr() {
      var items = [conj('')];
      while (at < toks.length && toks[at].t === 'op' && toks[at].op === 'OR') {
        at++;
        items.push(conj('or'));
      }
      return or(items);
    }

    var tree = expr();  // (normalizeQuery() leaves no ')' that closes nothing: expr() reads every token)
    // An operator without its operand, or only excluded words after NOT or
    // OR: errors on which kb search reads the query as its other words,
    // with their synonyms (searcher.cc parse()). Only excluded words
    // anywhere else: the QueryParser's own second reading.
    if (missingOperand(toks) || thrown) return flat(toks, isStop, false);
    if (retried) return flat(toks, isStop, true);
    return { tree: tree, words: words, excluded: excluded, plain: plain, phrases: phrases, last: typed ? typed.word : null };
  }

  // A query with XOR, NEAR or ADJ, which are not read here: its words ORed
  // (stop words left out unless all are), the last one the word being
  // typed, the words after NOT or a '-' excluded.
  function plainReading(norm, isStop) {
    var words = [], excluded = [], negate = false;
    norm.split(' ').filter(Boolean).forEach(function (tok) {
      if (tok === 'NOT') { negate = true; return; }
      if (isOperator(tok.replace(/^\(+|\)+$/g, ''))) return;
      var into = negate || tok[0] === '-' ? excluded : words;
      tokenize(tok.replace(/^[a-z_]+:/, '')).forEach(function (w) { into.push(w.word); });
      negate = false;
    });
    var stopAll = words.every(isStop);
    var items = [];
    words.forEach(function (w, i) {
      if (isStop(w) && !stopAll) return;
      items.push(i === words.length - 1 ? { type: 'word', word: w, typed: true } : { type: 'word', word: w });
    });
    var hate = or(excluded.map(function (w) { return { type: 'word', word: w }; }));
    return {
      tree: items.length ? andNot(or(items), hate) : null, words: words, excluded: excluded, plain: false,
      phrases: false, last: words.length ? words[words.length - 1] : null,
    };
  }

  // Whether an operator lacks an operand: AND, OR or NOT with nothing
  // (or another operator, or a bracket's end) after it, AND or OR with
  // nothing before (NOT may start a query, or follow AND or OR).
  function missingOperand(toks) {
    for (var i = 0; i < toks.length; i++) {
      var t = toks[i];
      if (t.t !== 'op') continue;
      var next = toks[i + 1], prev = toks[i - 1];
      var notNext = next && next.t === 'op' && next.op === 'NOT' && t.op !== 'NOT';
      if (!next || next.t === 'close' || (next.t === 'op' && !notNext)) return true;
      if (t.op !== 'NOT' && (!prev || prev.t === 'open' || prev.t === 'op')) return true;
    }
    return false;
  }

  // A query read as plain words: every word ORed, stop words left out
  // unless all are, no phrases, brackets or signs. kb search's reading when
  // an operator lacks an operand: its other words with their synonyms
  // (searcher.cc parse()); `bare`, the QueryParser's own second reading
  // after an error: no synonyms, operators' names words too (unstemmed, as
  // capitalised words are).
  function flat(toks, isStop, bare) {
    var all = [];
    toks.forEach(function (t) {
      if (t.t === 'word') all.push({ word: t.word });
      else if (t.t === 'phrase') t.words.forEach(function (w) { all.push(w); });
      else if (t.t === 'op' && bare) all.push({ word: t.op.toLowerCase(), raw: true });
    });
    var stop = function (w) { return isStop(w.word); };
    var kept = all.length > 1 && !all.every(stop) ? all.filter(function (w) { return !stop(w); }) : all;
    var items = kept.map(function (w) {
      return bare ? { type: 'term', word: w.word, raw: !!w.raw } : { type: 'word', word: w.word };
    });
    return {
      tree: or(items), words: kept.map(function (w) { return w.word; }), excluded: [], plain: false, phrases: false,
      last: null,
    };
  }

  // The words of a plain query that phrase synonyms are looked for in, as
  // searcher.cc with_phrase_synonyms() reads them: every space-separated
  // token's words, but for a token starting with '-', without a field name.
  function synonymWords(norm) {
    var out = [];
    norm.split(' ').forEach(function (tok) {
      if (!tok || tok[0] === '-') return;
      var field = /^[a-z_]+:/.exec(tok);
      if (field && field[0].length < tok.length) tok = tok.slice(field[0].length);
      tokenize(tok).forEach(function (w) { out.push(w.word); });
    });
    return out;
  }

  var api = {
    tokenize: tokenize,
    normalizeQuery: normalizeQuery,
    titleKey: titleKey,
    parseQuery: parseQuery,
    synonymWords: synonymWords,
    isOperator: isOperator,
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  global.kbSearchQuery = api;
})(typeof window !== 'undefined' ? window : globalThis);
