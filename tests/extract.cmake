# SPDX-License-Identifier: MIT
# Extraction (fetchers/src/extract_*.c): unit tests for dates, ratings and the JSON path
# evaluator, and the checker over the shared development pages (label shared-fixtures; skipped
# when HUGI_SHARED_DIR/fixtures/pages does not exist).
hugi_unit_test(extract LIBS hugi_fetch PkgConfig::YAJL LibXml2::LibXml2)
target_include_directories(test_extract PRIVATE ${PROJECT_SOURCE_DIR}/fetchers/src)

find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
  add_test(NAME shared/extract-pages
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/extract/check_shared_pages.py
                   $<TARGET_FILE:hugi> "${HUGI_SHARED_DIR}")
  set_tests_properties(shared/extract-pages PROPERTIES LABELS "shared-fixtures;extract"
                       SKIP_RETURN_CODE 77 TIMEOUT 300)
endif()

# docs/hugi-extract.md lists every option of `hugi extract --help`
add_test(NAME docs/options/extract COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/doc_options.sh
         $<TARGET_FILE:hugi> extract ${PROJECT_SOURCE_DIR}/docs)
set_tests_properties(docs/options/extract PROPERTIES TIMEOUT 30 LABELS "docs;extract")

# the listing heuristic (extract_listing.c): rating forms, labels, refusals, hostile pages
hugi_unit_test(extract_listing LIBS hugi_fetch PkgConfig::YAJL LibXml2::LibXml2 LABELS extract)

# the listing heuristic agrees with the built-in layouts on the shared pages they read
if(Python3_FOUND)
  add_test(NAME shared/extract-listing-vs-layouts
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/extract/check_listing_shared.py
                   $<TARGET_FILE:hugi> "${HUGI_SHARED_DIR}")
  set_tests_properties(shared/extract-listing-vs-layouts PROPERTIES LABELS "shared-fixtures;extract"
                       SKIP_RETURN_CODE 77 TIMEOUT 120)
endif()
if(Python3_FOUND)
  add_test(NAME extract/listing-vs-layouts
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/extract/check_listing_shared.py
                   $<TARGET_FILE:hugi> --dir ${CMAKE_CURRENT_SOURCE_DIR}/data/extract --allow-abstain)
  set_tests_properties(extract/listing-vs-layouts PROPERTIES LABELS "extract" TIMEOUT 120)
endif()

# round fourteen's rules (tests/unit/test_extract_round14.c)
hugi_unit_test(extract_round14 LIBS hugi_fetch PkgConfig::YAJL LibXml2::LibXml2 LABELS extract)
target_include_directories(test_extract_round14 PRIVATE ${PROJECT_SOURCE_DIR}/fetchers/src)

# round fifteen's rules: feeds, SNS APIs, exports (tests/unit/test_extract_round15.c)
hugi_unit_test(extract_round15 LIBS hugi_fetch PkgConfig::YAJL LibXml2::LibXml2 LABELS extract)

# round sixteen's rules: typed exports, authors by reference, review widgets and feeds
# (tests/unit/test_extract_round16.c)
hugi_unit_test(extract_round16 LIBS hugi_fetch PkgConfig::YAJL LibXml2::LibXml2 LABELS extract)

# round seventeen's rules: people tables by id, thread timestamps, columnar tables, island props,
# srcdoc pages (tests/unit/test_extract_round17.c)
hugi_unit_test(extract_round17 LIBS hugi_fetch PkgConfig::YAJL LibXml2::LibXml2 LABELS extract)

# round eighteen's rules: warehouse query rows, `<verb>_by` and `…Key` person references, names
# read last, value objects, FAQ and stock sheets, test hooks and tooltips in pages
# (tests/unit/test_extract_round18.c)
hugi_unit_test(extract_round18 LIBS hugi_fetch PkgConfig::YAJL LibXml2::LibXml2 LABELS extract)
