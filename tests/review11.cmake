# SPDX-License-Identifier: MIT
# review11's regression tests for defects in the extractors, the test servers' start and the
# installed layout (tests/unit/test_review11.c, tests/review11_*.sh)
hugi_unit_test(review11 LIBS hugi_fetch PkgConfig::YAJL LibXml2::LibXml2 LABELS extract)
target_include_directories(test_review11 PRIVATE ${PROJECT_SOURCE_DIR}/fetchers/src)
add_test(NAME review11/serve-shop-dead
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/review11_serve.sh ${PROJECT_SOURCE_DIR})
set_tests_properties(review11/serve-shop-dead PROPERTIES TIMEOUT 60 LABELS "review11")
# the installed lean hugi finds hugi-full under another prefix, and with an absolute libexec dir
# (a build of its own: ~30 s)
add_test(NAME review11/install-prefix
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/review11_install.sh ${PROJECT_SOURCE_DIR}
                 ${PROJECT_BINARY_DIR} ${CMAKE_C_COMPILER})
set_tests_properties(review11/install-prefix PROPERTIES TIMEOUT 600 LABELS "review11;install"
                     ENVIRONMENT "HUGI_DATADIR=${PROJECT_SOURCE_DIR}")
