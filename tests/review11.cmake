# SPDX-License-Identifier: MIT
# review11's regression tests for defects in the extractors, the test servers' start and the
# installed layout (tests/unit/test_review11.c, tests/review11_*.sh)
hugi_unit_test(review11 LIBS hugi_fetch PkgConfig::YAJL LibXml2::LibXml2 LABELS extract)
target_include_directories(test_review11 PRIVATE ${PROJECT_SOURCE_DIR}/fetchers/src)
