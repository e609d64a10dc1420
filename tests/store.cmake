# SPDX-License-Identifier: MIT
# The foundation's tests: config, CSV, store (unit), import/export flows, the kill -9 loop.
hugi_unit_test(config)
hugi_unit_test(csv)
hugi_unit_test(store LIBS hugi_store SQLite::SQLite3 PkgConfig::LIBPQ) # and on PostgreSQL: pg.cmake

# Multi-step flows (import, then export what the store holds): tests/data/import-flow/<case>/script
file(GLOB flow_scripts CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/data/import-flow/*/script)
foreach(script ${flow_scripts})
  get_filename_component(case_dir ${script} DIRECTORY)
  get_filename_component(case ${case_dir} NAME)
  add_test(NAME flow/import/${case}
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/flow.sh $<TARGET_FILE:hugi> ${case_dir})
  set_tests_properties(flow/import/${case} PROPERTIES TIMEOUT 120 LABELS "flow;import")
endforeach()

# kill -9 at random points of an import, 20 trials: the store must end exact every time
add_test(NAME store/kill9 COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/store_kill9.sh
         $<TARGET_FILE:hugi> 20 4000)
set_tests_properties(store/kill9 PROPERTIES TIMEOUT 300 LABELS "store;slow")

# docs/hugi-<cmd>.md lists every option of `hugi <cmd> --help`
foreach(cmd import export)
  add_test(NAME docs/options/${cmd} COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/doc_options.sh
           $<TARGET_FILE:hugi> ${cmd} ${PROJECT_SOURCE_DIR}/docs)
  set_tests_properties(docs/options/${cmd} PROPERTIES TIMEOUT 30 LABELS "docs")
endforeach()
