# SPDX-License-Identifier: MIT
# Session eleven's fast paths of the scorer (speed12): neg_after's literal tables behind an
# index of their first syllables, the walk's labels in the hot state records, the positions
# whose not-summed matches all need a word end.
hugi_unit_test(sent_speed12 LIBS hugi_sent)
