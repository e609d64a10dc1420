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

# hugi scan end to end against the demo shop on a local server (alerts, rerun, edit, XSS/CSV,
# a source down, the lock, ack, webhook, 20 kill -9 trials). Registered once the scorer and the
# complaint stage are in the tree (before that `hugi scan` is a stub).
file(READ ${PROJECT_SOURCE_DIR}/sentiment/include/hugi/sent.h hugi_sent_h)
file(READ ${PROJECT_SOURCE_DIR}/complaints/include/hugi/complaint.h hugi_complaint_h)
if(hugi_sent_h MATCHES "HUGI_SENT_R_NEGATED" AND hugi_complaint_h MATCHES "HUGI_COMPLAINT_MAX_CATS")
  add_test(NAME report/scan-e2e
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/report/scan_e2e.sh $<TARGET_FILE:hugi>
                   ${PROJECT_SOURCE_DIR} 20)
  set_tests_properties(report/scan-e2e PROPERTIES TIMEOUT 600 LABELS "report;e2e")
endif()
