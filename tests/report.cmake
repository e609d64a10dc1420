# SPDX-License-Identifier: MIT
# The reports stage: unit tests (masking, CSV, templates, alerts, files, digest, webhook against
# a local Python server) and the digest rendered by headless Chromium when it is installed.
hugi_unit_test(report LIBS hugi_report)
set_tests_properties(unit/report PROPERTIES TIMEOUT 120 LABELS "unit;report")

add_test(NAME report/chromium-render
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/report/render_digest.sh $<TARGET_FILE:hugi>
                 ${CMAKE_CURRENT_SOURCE_DIR}/data/report/mixed-shop/input.jsonl)
set_tests_properties(report/chromium-render PROPERTIES TIMEOUT 120 SKIP_RETURN_CODE 77 LABELS "report"
                     ENVIRONMENT "HUGI_DATADIR=${PROJECT_SOURCE_DIR}")

add_test(NAME report/doc-vs-help
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/report/doc_vs_help.sh $<TARGET_FILE:hugi>
                 ${PROJECT_SOURCE_DIR})
set_tests_properties(report/doc-vs-help PROPERTIES TIMEOUT 60 LABELS "report")
