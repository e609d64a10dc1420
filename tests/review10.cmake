# SPDX-License-Identifier: MIT
# review10's regression tests for defects in session nine's changes (tests/unit/test_review10.c)
hugi_unit_test(review10 LIBS hugi_fetch hugi_sent)
target_link_libraries(test_review10 PRIVATE PkgConfig::YAJL)
target_include_directories(test_review10 PRIVATE ${PROJECT_SOURCE_DIR}/fetchers/src)
