# SPDX-License-Identifier: MIT
# review10's regression tests for defects in session nine's changes (tests/unit/test_review10.c)
hugi_unit_test(review10 LIBS hugi_fetch)
