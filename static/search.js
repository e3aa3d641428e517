// The search page of a broadsheet site. It reads the index that `broadsheet build` writes
// under search/data/ (the format is described in src/search.rs), runs the query in `?q=`
// when the page loads, and shows results with their excerpts. It fetches only what a query
// needs: the manifest, one shard per word, the filter lists, and the results shown.
// Everything it puts on the page is text nodes, never markup from the index.
(function () {
  'use strict';

  var form = document.querySelector('form.search-form');
  if (!form) return;
  var base = new URL(form.getAttribute('data-index'), location.href);
  var input = form.elements.q;
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var fieldset = form.querySelector('.search-filters');
  var FACETS = ['author', 'topic', 'year'];
  var PAGE = 10;
  var files = new Map();

  // A portable build (`build --portable`) read from disk: browsers do not let a page
  // fetch files from file://, so say what works instead of failing.
  if (location.protocol === 'file:') {
    status.textContent = 'Search works once the site is on a web server. From disk, browse the archive and topics instead.';
    return;
  }

  // One fetch per index file, however many queries ask for it.
  function load(name) {
    if (!files.has(name)) {
      files.set(name, fetch(new URL(name, base)).then(function (r) {
        if (!r.ok) throw new Error(name + ': ' + r.status);
        return r.json();
      }));
    }
    return files.get(name);
  }

  // The words of a query, split and lowercased as `search::words` does the articles:
  // runs of letters and digits of two or more, each lowercased.
  function words(text) {
    var found = text.match(/[\p{Alphabetic}\p{N}]+/gu) || [];
    return found.filter(function (w) { return Array.from(w).length >= 2; })
      .map(function (w) { return w.toLowerCase(); });
  }

  function hex(text) {
    return Array.from(new TextEncoder().encode(text), function (b) {
      return b.toString(16).padStart(2, '0');
    }).join('');
  }

  // Article number → score for one query word: the word itself, and the longer words it
  // begins ("insur" finds "insurance"), which count half. All of them are in one shard,
  // the one with the longest prefix that begins the word.
  function scores(meta, word) {
    var prefix = '';
    meta.shards.forEach(function (p) {
      if (word.startsWith(p) && p.length > prefix.length) prefix = p;
    });
    if (!prefix) return Promise.resolve(new Map());
    return load('t/' + hex(prefix) + '.json').then(function (shard) {
      var out = new Map();
      Object.keys(shard).forEach(function (w) {
        if (!w.startsWith(word)) return;
        var share = w === word ? 1 : 0.5;
        var postings = shard[w];
        for (var i = 0, n = 0; i < postings.length; i += 2) {
          n += postings[i];
          out.set(n, (out.get(n) || 0) + share * (1 + Math.log(postings[i + 1])));
        }
      });
      return out;
    });
  }

  // Articles with every word, best first; equal scores keep the site's order, newest first.
  function rank(meta, perWord) {
    var total = new Map();
    perWord[0].forEach(function (_, n) {
      if (!perWord.every(function (m) { return m.has(n); })) return;
      var score = 0;
      perWord.forEach(function (m) { score += m.get(n) * Math.log(1 + meta.count / m.size); });
      total.set(n, score);
    });
    return Array.from(total.keys()).sort(function (a, b) {
      return total.get(b) - total.get(a) || a - b;
    });
  }

  // filters.json lists, per facet, each name with its articles as gaps; as sets here.
  function facetSets(filters) {
    var sets = {};
    FACETS.forEach(function (facet) {
      sets[facet] = filters[facet].map(function (entry) {
        var set = new Set();
        for (var i = 0, n = 0; i < entry[1].length; i++) { n += entry[1][i]; set.add(n); }
        return { name: entry[0], articles: set };
      });
    });
    return sets;
  }

  // Fills each filter with the names found among the results that the other filters
  // leave, and their counts; a chosen name stays even if nothing is left under it.
  function fillFilters(sets, ranked, chosen) {
    FACETS.forEach(function (facet) {
      var select = form.elements[facet];
      var pool = ranked.filter(function (n) { return passes(sets, n, chosen, facet); });
      var first = select.options[0];
      select.textContent = '';
      select.appendChild(first);
      sets[facet].forEach(function (value) {
        var count = pool.filter(function (n) { return value.articles.has(n); }).length;
        if (count === 0 && value.name !== chosen[facet]) return;
        var option = new Option(value.name + ' (' + count + ')', value.name);
        option.selected = value.name === chosen[facet];
        select.appendChild(option);
      });
    });
    fieldset.hidden = false;
  }

  function passes(sets, n, chosen, except) {
    return FACETS.every(function (facet) {
      if (facet === except || !chosen[facet]) return true;
      var value = sets[facet].find(function (v) { return v.name === chosen[facet]; });
      return value ? value.articles.has(n) : false;
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // Appends `text` to `parent` with every query word that begins a word marked.
  function appendMarked(parent, text, query) {
    var escaped = query.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); });
    var pattern = new RegExp('(?<![\\p{Alphabetic}\\p{N}])(?:' + escaped.join('|') + ')[\\p{Alphabetic}\\p{N}]*', 'giu');
    var last = 0;
    text.replace(pattern, function (match, offset) {
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      parent.appendChild(element('mark', '', match));
      last = offset + match.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  // About thirty words of the text around its first match, or the dek when the match was
  // in the title or a name.
  function excerpt(doc, query) {
    var escaped = query.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); });
    var at = doc.text.search(new RegExp('(?<![\\p{Alphabetic}\\p{N}])(?:' + escaped.join('|') + ')', 'iu'));
    if (at < 0) return doc.dek || doc.text.slice(0, 200);
    var start = Math.max(0, doc.text.lastIndexOf(' ', Math.max(0, at - 90)));
    var end = doc.text.indexOf(' ', Math.min(doc.text.length, at + 160));
    if (end < 0) end = doc.text.length;
    return (start > 0 ? '… ' : '') + doc.text.slice(start, end).trim() + (end < doc.text.length ? ' …' : '');
  }

  function result(doc, query) {
    var item = element('li', 'search-result');
    var heading = element('h2', 'search-result-title');
    var link = element('a', '');
    link.href = doc.url;
    appendMarked(link, doc.title, query);
    heading.appendChild(link);
    item.appendChild(heading);
    var meta = element('p', 'search-result-meta');
    meta.appendChild(document.createTextNode(doc.byline + ' · '));
    var time = element('time', '', doc.date);
    time.dateTime = doc.datetime;
    meta.appendChild(time);
    item.appendChild(meta);
    var text = element('p', 'search-result-excerpt');
    appendMarked(text, excerpt(doc, query), query);
    item.appendChild(text);
    return item;
  }

  var shown = [];
  var shownQuery = [];
  var run = 0;

  function showMore(focusFirst) {
    var next = shown.slice(list.children.length, list.children.length + PAGE);
    var mine = run;
    return Promise.all(next.map(function (n) { return load('d/' + n + '.json'); })).then(function (docs) {
      if (mine !== run) return;
      var first = null;
      docs.forEach(function (doc) {
        var item = result(doc, shownQuery);
        first = first || item;
        list.appendChild(item);
      });
      more.hidden = list.children.length >= shown.length;
      // After "More results", keyboard and screen-reader users land on the first new one.
      if (focusFirst && first) first.querySelector('a').focus();
    });
  }

  function search() {
    var params = new URLSearchParams(location.search);
    var text = params.get('q') || '';
    var chosen = {};
    FACETS.forEach(function (facet) { chosen[facet] = params.get(facet) || ''; });
    input.value = text;
    var query = words(text);
    var mine = ++run;
    list.textContent = '';
    more.hidden = true;
    if (query.length === 0) {
      status.textContent = text ? 'Type a word of two letters or more.' : '';
      fieldset.hidden = true;
      return Promise.resolve();
    }
    status.textContent = 'Searching…';
    return load('meta.json').then(function (meta) {
      return Promise.all(query.map(function (w) { return scores(meta, w); })).then(function (perWord) {
        var ranked = rank(meta, perWord);
        return load('filters.json').then(function (filters) {
          if (mine !== run) return;
          var sets = facetSets(filters);
          fillFilters(sets, ranked, chosen);
          shown = ranked.filter(function (n) { return passes(sets, n, chosen, null); });
          shownQuery = query;
          var narrowed = FACETS.some(function (f) { return chosen[f]; }) ? ' (filtered)' : '';
          status.textContent = (shown.length === 0 ? 'No results' : shown.length === 1 ? '1 result' : shown.length + ' results') +
            ' for “' + text + '”' + narrowed + '.';
          return showMore(false);
        });
      });
    }).catch(function (error) {
      status.textContent = 'Search is unavailable right now (' + error.message + ').';
    });
  }

  // Submitting or changing a filter changes the address, so results can be linked to and
  // Back returns to the previous query.
  function go(replace) {
    var params = new URLSearchParams();
    params.set('q', input.value);
    FACETS.forEach(function (facet) {
      if (form.elements[facet].value) params.set(facet, form.elements[facet].value);
    });
    var url = location.pathname + '?' + params.toString();
    if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
    search();
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    FACETS.forEach(function (facet) { form.elements[facet].value = ''; });
    go(false);
  });
  FACETS.forEach(function (facet) {
    form.elements[facet].addEventListener('change', function () { go(true); });
  });
  more.addEventListener('click', function () { showMore(true); });
  window.addEventListener('popstate', search);
  search();
}());
