# SPDX-License-Identifier: MIT
# review14's regression tests for defects in extraction round seventeen's rules (hostile inputs
# in bounded time) (tests/unit/test_review14.c)
hugi_unit_test(review14 LIBS hugi_fetch PkgConfig::YAJL LibXml2::LibXml2 LABELS extract)
