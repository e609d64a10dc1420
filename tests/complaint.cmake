# SPDX-License-Identifier: MIT
# The complaints stage: category rules, severity, aggregation timelines, and the measured floors on
# the hand-labelled development set tests/data/complaints-dev.tsv.
hugi_unit_test(complaint LIBS hugi_complaint hugi_sent)
hugi_unit_test(complaint_eval LIBS hugi_complaint hugi_sent)
add_test(NAME complaints/doc-options
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/complaints_doc.sh $<TARGET_FILE:hugi>)
set_tests_properties(complaints/doc-options PROPERTIES TIMEOUT 30 LABELS "complaints")
add_test(NAME complaints/store
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/complaints_store.sh $<TARGET_FILE:hugi>
                 ${CMAKE_CURRENT_SOURCE_DIR}/data/complaints)
set_tests_properties(complaints/store PROPERTIES TIMEOUT 60 LABELS "complaints"
                     ENVIRONMENT "HUGI_DATADIR=${PROJECT_SOURCE_DIR}")
# The learned categories (complaints/src/learned.c): learner, model file, categorize hook.
hugi_unit_test(complaint_learn LIBS hugi_complaint hugi_sent)
add_test(NAME complaints/learn-doc-options
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/complaints_doc.sh $<TARGET_FILE:hugi> learn)
set_tests_properties(complaints/learn-doc-options PROPERTIES TIMEOUT 30 LABELS "complaints")
