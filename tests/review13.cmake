# SPDX-License-Identifier: MIT
# review13's regression tests for defects in session eleven's sentiment rules
# (tests/unit/test_review13.c)
hugi_unit_test(review13 LIBS hugi_sent)
