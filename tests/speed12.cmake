# SPDX-License-Identifier: MIT
# Session eleven's fast paths of the scorer (speed12): neg_after's literal tables behind
# first-syllable filters.
hugi_unit_test(sent_speed12 LIBS hugi_sent)
