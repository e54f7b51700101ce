"""Runs Debian's wapiti (3.0.4 in bookworm) with one fix, so the attack suite can use it on Python 3.11.

wapiti compiles each exclusion pattern (-x) as `pattern + r'\\Z(?ms)'`; since Python 3.11 global
flags must start the expression, so every scan with an exclusion died in re.compile before it
began (the first full attack run, 2026-11-30). Same translation, flags first; nothing else changed.
"""
import re
import sys

from wapitiCore.net import crawler


def wildcard_translate(pattern):
    res = ''.join(r'.*' if char == '*' else re.escape(char) for char in pattern)
    return re.compile(r'(?ms)' + res + r'\Z')


crawler.wildcard_translate = wildcard_translate

from wapitiCore.main.wapiti import wapiti_main  # noqa: E402  (after the patch, on purpose)

sys.argv[0] = 'wapiti'
sys.exit(wapiti_main())
