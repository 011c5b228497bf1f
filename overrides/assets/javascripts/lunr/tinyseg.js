/*
 * Left empty on purpose. Material's search worker loads this file for `lang: ja` and, when it defines
 * lunr.TinySegmenter, cuts the index's Japanese words with it, differently from how it cuts a query.
 * This site's lunr.ja (min/lunr.ja.min.js) matches Japanese without a segmenter, on both sides alike;
 * without this file the worker would fail to load, with the theme's a visitor would download 22 KB
 * for a segmenter that makes the index and the query disagree.
 */
