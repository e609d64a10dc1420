# SPDX-License-Identifier: MIT
# review12's regression tests for defects in session ten's sentiment rules and extraction round
# sixteen
# (tests/unit/test_review12.c)
hugi_unit_test(review12 LIBS hugi_sent hugi_fetch)
