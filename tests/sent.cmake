# SPDX-License-Identifier: MIT
# The sentiment stage's tests: textmatch (normaliser, matcher, negation), the scorer's rules,
# the lexicon loader, and the accuracy floor on ../shared data (skipped when absent).
hugi_unit_test(textmatch LIBS hugi_sent)
