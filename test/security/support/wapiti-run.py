"""Runs Debian's wapiti (3.0.4 in bookworm) with two fixes, so the attack suite's scans mean something.

1. wapiti compiles each exclusion pattern (-x) as `pattern + r'\\Z(?ms)'`; since Python 3.11 global
   flags must start the expression, so every scan with an exclusion died in re.compile before it
   began (the first full attack run, 2026-11-30). Same translation, flags first.
2. wapiti asks for `Accept-Encoding: gzip, deflate, br`, but Debian's python3-requests cannot decode
   brotli without python3-brotli: Cadre answered in brotli, wapiti read bytes it could not parse,
   found no link or form on any page and attacked nothing (the second run: 6 URLs, 0 attacks,
   "no findings"). It now asks for what it can decode.
"""
import re
import sys

from wapitiCore.net import crawler


def wildcard_translate(pattern):
    res = ''.join(r'.*' if char == '*' else re.escape(char) for char in pattern)
    return re.compile(r'(?ms)' + res + r'\Z')


crawler.wildcard_translate = wildcard_translate

_crawler_init = crawler.Crawler.__init__


def _init_without_brotli(self, *args, **kwargs):
    _crawler_init(self, *args, **kwargs)
    if self._session.headers.get("Accept-Encoding") == "gzip, deflate, br":
        self._session.headers["Accept-Encoding"] = "gzip, deflate"


crawler.Crawler.__init__ = _init_without_brotli

from wapitiCore.main.wapiti import wapiti_main  # noqa: E402  (after the patch, on purpose)

sys.argv[0] = 'wapiti'
sys.exit(wapiti_main())
