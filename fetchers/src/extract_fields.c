/* SPDX-License-Identifier: MIT
 * The one table of field names: which review field a CSV/TSV column header or a JSON key names.
 * `hugi extract` (csv, jsonl, json, jsonpath without fields; extract_json.c adds its rules for
 * names no table lists) and `hugi import` (export headers) both read it, so a name taught to one
 * is known to the other. */
#include <ctype.h>
#include <string.h>

#include "hugi/extract.h"

/* Per field its names, normalised (hugi_extract_name_norm), best first, space-separated. A name
 * ending in '*' is an export column only: a "User ID" column is the buyer people read, while a
 * JSON `userId` is a number pointing elsewhere and a JSON `parent` an object. */
static const struct {
    enum hugi_xfield field;
    const char *names;
} name_table[] = {
    {HUGI_XF_TEXT,
     "reviewbody reviewtext reviewcontent fulltext content contents text review body comment "
     "commenttext document message opinion description comments reviewmessage "
     "buyerfeedback feedback "
     "kommentar rezension bewertungstext erfahrungsbericht avis commentaire "
     "comentario rese\xc3\xb1"
     "a opini\xc3\xb3n recensione commento "
     "\xeb\x82\xb4\xec\x9a\xa9 \xeb\xa6\xac\xeb\xb7\xb0 "
     "\xeb\xa6\xac\xeb\xb7\xb0\xeb\x82\xb4\xec\x9a\xa9 "
     "\xed\x9b\x84\xea\xb8\xb0 \xec\x83\x81\xed\x92\x88\xed\x8f\x89 "
     "\xea\xb5\xac\xeb\xa7\xa4\xed\x8f\x89 \xeb\xb3\xb8\xeb\xac\xb8 "
     "\xe3\x83\xac\xe3\x83\x93\xe3\x83\xa5\xe3\x83\xbc "
     "\xe6\x9c\xac\xe6\x96\x87 "
     "\xe3\x82\xb3\xe3\x83\xa1\xe3\x83\xb3\xe3\x83\x88 "
     "\xed\x9b\x84\xea\xb8\xb0\xeb\x82\xb4\xec\x9a\xa9 "             /* 후기내용 */
     "\xeb\xa6\xac\xeb\xb7\xb0\xeb\xb3\xb8\xeb\xac\xb8 "             /* 리뷰본문 */
     "\xeb\xa6\xac\xeb\xb7\xb0\xed\x85\x8d\xec\x8a\xa4\xed\x8a\xb8 " /* 리뷰텍스트 */
     "\xeb\xa6\xac\xeb\xb7\xb0\xec\x83\x81\xec\x84\xb8\xeb\x82\xb4\xec\x9a\xa9 " /* 리뷰상세내용 */
     "remark remarks " /* a chat tool's rating export: the remark beside the rating */
     "cooked "         /* a forum's post as rendered HTML (its only text) */
     "caption "        /* a post's words (Threads: caption.text), after every other name */
     "quote"},         /* a review site's pull quote of a user's review (`quote` beside `score`) */
    {HUGI_XF_TITLE, "title reviewtitle subject headline summary "
                    "titel \xc3\xbc"
                    "berschrift titre t\xc3\xadtulo titolo "
                    "\xec\xa0\x9c\xeb\xaa\xa9 "
                    "\xe3\x82\xbf\xe3\x82\xa4\xe3\x83\x88\xe3\x83\xab "
                    "\xe6\xa0\x87\xe9\xa2\x98 "
                    "\xeb\xa6\xac\xeb\xb7\xb0\xec\xa0\x9c\xeb\xaa\xa9"}, /* 리뷰제목 */
    {HUGI_XF_AUTHOR,
     "author authorname username userid2 writer nickname membernickname reviewer "
     "writermemberid writernickname writername buyername buyernickname "
     "reviewername user displayname authordisplayname screenname name usernickname "
     "profilename membername fullname "
     "autor auteur autore nom nombre benutzer benutzername kunde pseudo "
     "\xec\x9e\x91\xec\x84\xb1\xec\x9e\x90 "
     "\xeb\x8b\x89\xeb\x84\xa4\xec\x9e\x84 "
     "\xec\x95\x84\xec\x9d\xb4\xeb\x94\x94 \xec\x9d\xb4\xeb\xa6\x84 "
     "\xea\xb3\xa0\xea\xb0\x9d\xeb\xaa\x85 "
     "\xe6\x8a\x95\xe7\xa8\xbf\xe8\x80\x85 "
     "\xe3\x83\x8b\xe3\x83\x83\xe3\x82\xaf\xe3\x83\x8d\xe3\x83\xbc\xe3\x83\xa0 "
     "\xe4\xbd\x9c\xe8\x80\x85 "
     "\xea\xb5\xac\xeb\xa7\xa4\xec\x9e\x90"
     "id " /* 구매자id */
     "\xec\x9e\x91\xec\x84\xb1\xec\x9e\x90"
     "id " /* 작성자id */
     "\xed\x9a\x8c\xec\x9b\x90"
     "id "                                                                       /* 회원id */
     "\xea\xb5\xac\xeb\xa7\xa4\xec\x9e\x90\xec\x95\x84\xec\x9d\xb4\xeb\x94\x94 " /* 구매자아이디 */
     "\xec\x9e\x91\xec\x84\xb1\xec\x9e\x90\xeb\xaa\x85 "                         /* 작성자명 */
     "\xea\xb5\xac\xeb\xa7\xa4\xec\x9e\x90\xeb\xaa\x85 "                         /* 구매자명 */
     "\xea\xb5\xac\xeb\xa7\xa4\xec\x9e\x90 "                                     /* 구매자 */
     "userid* "
     "\xea\xb8\x80\xec\x93\xb4\xec\x9d\xb4 " /* 글쓴이 */
     "postedby writtenby reviewedby submittedby maskedname firstname requester requestername "
     "\xeb\x93\xb1\xeb\xa1\x9d\xec\x9e\x90 "                         /* 등록자 */
     "\xec\x82\xac\xec\x9a\xa9\xec\x9e\x90\xec\x9d\xb4\xeb\xa6\x84 " /* 사용자이름 */
     "\xec\x82\xac\xec\x9a\xa9\xec\x9e\x90 "                         /* 사용자 */
     "reviewconsumeruser consumeruser consumername commentinguser "  /* a review platform's
                                                                       export */
     "bloggername blogger " /* a search API's blog results (Naver-like) */
     "customer "            /* a spreadsheet's or a base's "Customer" column: who wrote it */
     "who"},                /* a feedback widget's who/when/what, after every other name */
    {HUGI_XF_RATING,
     "rating starrating reviewscore reviewrating ratingvalue score stars star rate "
     "grade buyereval reviewpoint starpoint starscore "
     "bewertung sterne puntuaci\xc3\xb3n valoraci\xc3\xb3n estrellas "
     "\xc3\xa9toiles voto valutazione stelle \xed\x8f\x89\xec\xa0\x90 "
     "\xeb\xb3\x84\xec\xa0\x90 \xec\xa0\x90\xec\x88\x98 "
     "\xeb\xa7\x8c\xec\xa1\xb1\xeb\x8f\x84 \xe8\xa9\x95\xe4\xbe\xa1 "
     "\xe6\x98\x9f \xe8\xaf\x84\xe5\x88\x86 "
     "point overall overallrating " /* 29CM; loyalty points (500, 1000) fail the list scale rule */
     "eval commentrank"},           /* clipped "evaluation"; a comment's rank is its stars (1-5) */
    /* the Play Console's last update before its submit time: reviewers edit their reviews, and
     * the edited text is what the export holds (an empty update falls back, extract_csv.c) */
    /* the day a record says the review was written (`date_reviewed`) before the day the record
     * itself was made (`date_created`: a cart's import of older reviews) */
    {HUGI_XF_DATE,
     "date reviewlastupdatedateandtime reviewsubmitdateandtime datereviewed createdat "
     "createddatetime createddate created "
     "datepublished publisheddate publishedat postedat posted writedate regdate "
     "registerdate reviewdate "
     "datetime time timestamp at updated updatedat "
     "reviewlastupdatemillissinceepoch reviewsubmitmillissinceepoch submissiontime "
     "reviewsubmissiontime datecreated "
     "createdate createdt regdt writedt registdate regtime insertdate inputdate "
     "datum erstelltam fecha \xeb\x82\xa0\xec\xa7\x9c "
     "\xec\x9e\x91\xec\x84\xb1\xec\x9d\xbc "
     "\xeb\x93\xb1\xeb\xa1\x9d\xec\x9d\xbc "
     "\xec\x9e\x91\xec\x84\xb1\xec\x9d\xbc\xec\x9e\x90 "
     "\xec\x9e\x91\xec\x84\xb1\xec\x9d\xbc\xec\x8b\x9c "
     "\xe6\x97\xa5\xe4\xbb\x98 \xe6\x8a\x95\xe7\xa8\xbf\xe6\x97\xa5 "
     "\xe6\x97\xa5\xe6\x9c\x9f "
     "\xeb\x93\xb1\xeb\xa1\x9d\xec\x9d\xbc\xec\x9e\x90 "             /* 등록일자 */
     "\xeb\x93\xb1\xeb\xa1\x9d\xec\x9d\xbc\xec\x8b\x9c "             /* 등록일시 */
     "\xeb\xa6\xac\xeb\xb7\xb0\xec\x9e\x91\xec\x84\xb1\xec\x9d\xbc " /* 리뷰작성일 */
     "\xeb\xa6\xac\xeb\xb7\xb0\xeb\x93\xb1\xeb\xa1\x9d\xec\x9d\xbc " /* 리뷰등록일 */
     "postedon submittedon reviewedon writtenon createdon submittedat "
     "submitted submissiondate ts when "
     "\xed\x83\x80\xec\x9e\x84\xec\x8a\xa4\xed\x83\xac\xed\x94\x84"}, /* 타임스탬프 */
    {HUGI_XF_ID, "reviewid id reviewno commentid uuid reviewseq no evaluationid feedbackid "
                 "ratingid cmtid reviewuid "
                 "\xeb\xa6\xac\xeb\xb7\xb0\xeb\xb2\x88\xed\x98\xb8 " /* 리뷰번호 */
                 "\xeb\xa6\xac\xeb\xb7\xb0"
                 "id "                                                           /* 리뷰id */
                 "\xed\x9b\x84\xea\xb8\xb0\xeb\xb2\x88\xed\x98\xb8 "             /* 후기번호 */
                 "\xea\xb8\x80\xeb\xb2\x88\xed\x98\xb8 "                         /* 글번호 */
                 "\xeb\xa6\xac\xeb\xb7\xb0\xec\x95\x84\xec\x9d\xb4\xeb\x94\x94 " /* 리뷰아이디 */
                 "\xeb\xa6\xac\xeb\xb7\xb0\xec\xbd\x94\xeb\x93\x9c "             /* 리뷰코드 */
                 "commentno reviewkey uri sno objectid shortid "
                 "ticketid* conversationid* " /* a satisfaction export's rated ticket */
                 "\xeb\xa6\xac\xeb\xb7\xb0\xea\xb8\x80\xeb\xb2\x88\xed\x98\xb8"}, /* 리뷰글번호 */
    {HUGI_XF_URL, "htmlurl url reviewlink link permalink \xeb\xa7\x81\xed\x81\xac " /* 링크 */
                  "\xeb\xa6\xac\xeb\xb7\xb0"
                  "url " /* 리뷰url */
                  "reviewurl shortidurl googlemapsurl"},
    {HUGI_XF_LANG, "lang language reviewerlanguage reviewlanguage locale contentlocale langs "
                   "\xec\x96\xb8\xec\x96\xb4"}, /* 언어 */
    /* the helpful votes only: never a count of every vote cast, helpful or not ("voteCount",
     * "helpfulTotalCount": "3 of 10 people found this helpful" has 10 there) */
    {HUGI_XF_LIKES,
     "likes likecount thumbsupcount thumbsup helpful helpfulcount upvotes "
     "usefulcount recommendcount totalpositivefeedbackcount helpfulvotes votesup "
     "hilfreich \xec\xb6\x94\xec\xb2\x9c\xec\x88\x98 "
     "\xeb\x8f\x84\xec\x9b\x80\xec\x88\x98 "
     "\xeb\x8f\x84\xec\x9b\x80\xec\x9d\xb4\xeb\x8f\xbc\xec\x9a\x94 " /* 도움이돼요 */
     "\xeb\x8f\x84\xec\x9b\x80\xeb\x8f\xbc\xec\x9a\x94 "             /* 도움돼요 */
     "\xec\xa2\x8b\xec\x95\x84\xec\x9a\x94 "                         /* 좋아요 */
     "\xea\xb3\xb5\xea\xb0\x90\xec\x88\x98 "                         /* 공감수 */
     "votes favoritecount favouritescount favoritescount helpcount likecnt "
     "recommcnt recomcnt recommendcnt helpfulcnt usefulcnt diggcount upvotecount reviewvotesup "
     "sympathycount likenum positivefeedback helpfulvotecount"},
    {HUGI_XF_PARENT_ID, "parentid parent* threadid* replyto* inreplyto"},
    {HUGI_XF_PRODUCT,
     "productid product goodsno goodsnumber packagename appid itemid sku "
     "productno originproductno goodsid goodscode productcode itemno listingid prdno productsku "
     "productexternalid goodssno "
     "\xec\x83\x81\xed\x92\x88\xeb\xb2\x88\xed\x98\xb8 " /* 상품번호 */
     "\xec\x83\x81\xed\x92\x88\xec\xbd\x94\xeb\x93\x9c " /* 상품코드 */
     "\xec\x83\x81\xed\x92\x88"
     "id "                                                           /* 상품id */
     "\xec\xa0\x9c\xed\x92\x88\xeb\xb2\x88\xed\x98\xb8 "             /* 제품번호 */
     "\xec\xa0\x9c\xed\x92\x88\xec\xbd\x94\xeb\x93\x9c "             /* 제품코드 */
     "\xec\x83\x81\xed\x92\x88\xec\x95\x84\xec\x9d\xb4\xeb\x94\x94 " /* 상품아이디 */
     "asin "
     "producthandle productslug"}, /* a shop's URL name for the product (Shopify's handle) */
    {HUGI_XF_PRODUCT_NAME, "productname goodsname itemname appname "
                           "\xec\x83\x81\xed\x92\x88\xeb\xaa\x85 "              /* 상품명 */
                           "\xec\xa0\x9c\xed\x92\x88\xeb\xaa\x85 "              /* 제품명 */
                           "\xec\x83\x81\xed\x92\x88\xec\x9d\xb4\xeb\xa6\x84"}, /* 상품이름 */
    {HUGI_XF_SOURCE, "source \xec\xb6\x9c\xec\xb2\x98 sourcename"},             /* 출처 */
    {HUGI_XF_DATE_RAW, "dateraw"},
    {HUGI_XF_FETCHED_AT, "fetchedat"},
};

static const char *const field_names[HUGI_XF_COUNT] = {
    [HUGI_XF_PRODUCT] = "product",
    [HUGI_XF_PRODUCT_NAME] = "product_name",
    [HUGI_XF_ID] = "id",
    [HUGI_XF_TEXT] = "text",
    [HUGI_XF_RATING] = "rating",
    [HUGI_XF_AUTHOR] = "author",
    [HUGI_XF_DATE] = "date",
    [HUGI_XF_TITLE] = "title",
    [HUGI_XF_URL] = "url",
    [HUGI_XF_LIKES] = "likes",
    [HUGI_XF_LANG] = "lang",
    [HUGI_XF_SOURCE] = "source",
    [HUGI_XF_PARENT_ID] = "parent_id",
    [HUGI_XF_DATE_RAW] = "date_raw",
    [HUGI_XF_FETCHED_AT] = "fetched_at",
};

const char *hugi_extract_field_name(enum hugi_xfield f)
{
    return f >= 0 && f < HUGI_XF_COUNT ? field_names[f] : NULL;
}

size_t hugi_extract_name_norm(const char *name, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    if (!cap)
        return 0;
    for (size_t i = 0; i < len && n + 1 < cap; i++) {
        unsigned char c = (unsigned char)name[i];
        /* U+FEFF, a BOM a spreadsheet left before the first header, is no part of the name */
        if (c == 0xEF && i + 2 < len && (unsigned char)name[i + 1] == 0xBB &&
            (unsigned char)name[i + 2] == 0xBF) {
            i += 2;
            continue;
        }
        /* ASCII letters and digits lowercased; other UTF-8 bytes kept ("평점"), with Latin-1
         * capitals folded ("Überschrift" → "überschrift"); spaces and punctuation dropped. */
        if (isalnum(c))
            out[n++] = (char)tolower(c);
        else if (c == 0xC3 && i + 1 < len && n + 2 < cap) {
            unsigned char d = (unsigned char)name[i + 1];
            out[n++] = (char)c;
            out[n++] = (char)(d >= 0x80 && d <= 0x9E ? d + 0x20 : d);
            i++;
        } else if (c >= 0x80)
            out[n++] = (char)c;
    }
    out[n] = 0;
    return n;
}

enum hugi_xfield hugi_extract_field_of_norm(const char *k, size_t n, unsigned flags, int *rank)
{
    if (!n)
        return HUGI_XF_NONE;
    for (size_t f = 0; f < sizeof name_table / sizeof name_table[0]; f++) {
        const char *p = name_table[f].names;
        int pos = 0;
        while (*p) {
            size_t wl = strcspn(p, " ");
            bool header_only = wl && p[wl - 1] == '*';
            size_t nl = wl - header_only;
            if (nl == n && memcmp(p, k, n) == 0 && (!header_only || (flags & HUGI_XF_HEADER))) {
                if (rank)
                    *rank = pos;
                return name_table[f].field;
            }
            p += wl;
            while (*p == ' ')
                p++;
            pos++;
        }
    }
    return HUGI_XF_NONE;
}

enum hugi_xfield hugi_extract_field_of_name(const char *name, size_t len, unsigned flags, int *rank)
{
    char k[64];
    size_t n = hugi_extract_name_norm(name, len, k, sizeof k);
    return hugi_extract_field_of_norm(k, n, flags, rank);
}
