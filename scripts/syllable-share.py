#!/usr/bin/env python3
"""Share of word tokens of a text that are valid Vietnamese syllables.

    scripts/syllable-share.py TEXT [LEXICON]

A token is its letters after stripping punctuation at both ends; tokens
with digits, and one-letter tokens, are not counted. LEXICON defaults to
../shared/corpus/lexicon/vietnamese-syllables.txt (old and new tone
placement). Prints the share and the number of counted tokens.
"""
import os, re, sys, unicodedata

here = os.path.dirname(os.path.abspath(__file__))
lex_path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "..", "shared", "corpus", "lexicon", "vietnamese-syllables.txt")
lex = {unicodedata.normalize("NFC", l.strip()).lower() for l in open(lex_path, encoding="utf-8") if l.strip()}
text = unicodedata.normalize("NFC", open(sys.argv[1], encoding="utf-8").read())
ok = total = 0
for tok in text.split():
    w = tok.strip(".,;:!?()[]{}\"'“”‘’«»-–—/*…").lower()
    if len(w) < 2 or any(c.isdigit() for c in w) or not w.isalpha():
        continue
    total += 1
    ok += w in lex
print(f"valid_syllable_share {ok / max(total, 1):.4f} tokens {total}")
