# SPDX-License-Identifier: MIT
# Session ten's fast paths of the scorer (speed11): filtered word and literal look-ups, the
# 2-byte marks across their generation wrap, film values by distinct-value index.
hugi_unit_test(sent_speed11 LIBS hugi_sent)
