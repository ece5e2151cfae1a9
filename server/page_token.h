// ListEntries' page tokens: the last id of the page before, with the entry
// kind the listing is filtered on and a check value, so that a token this
// server did not give ("garbage", a 10,000-byte string, a token of another
// kind's listing) is INVALID_ARGUMENT naming page_token instead of an empty
// page or a page from somewhere else (review bb2 L2). The check value is
// FNV-1a: the same on every replica and across restarts.
//
//   response->set_next_page_token(PageTokenFor(page.next_page_token, kind));
//   absl::StatusOr<std::string> after = LastIdOfPageToken(request.page_token(), kind);
#ifndef PLACI_SERVER_PAGE_TOKEN_H_
#define PLACI_SERVER_PAGE_TOKEN_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace placi::server {

// "<last_id>~<8 hex digits>"; empty for an empty last id (the last page).
// `scope`, when given, is what else the listing is of (ListDecisions: the
// folded house waybill), so that a token sent with another waybill is
// refused rather than answered with an empty page (review bb4 L3).
std::string PageTokenFor(std::string_view last_id, int kind, std::string_view scope = {});

// The last id in `token` (empty for an empty token: the first page), or
// INVALID_ARGUMENT "page_token: …" when it is not a token PageTokenFor gave
// for `kind` and `scope` or is longer than any such token; the message
// asks for the same `scope_name` ("kind", "house_waybill").
absl::StatusOr<std::string> LastIdOfPageToken(std::string_view token, int kind,
                                              size_t max_id_bytes, std::string_view scope = {},
                                              std::string_view scope_name = "kind");

}  // namespace placi::server

#endif  // PLACI_SERVER_PAGE_TOKEN_H_
