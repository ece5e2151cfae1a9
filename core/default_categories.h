// The built-in goods categories (ScreeningConfig::Default): their words in
// the languages carriers' descriptions come in, brands, HS prefixes and
// value floors.
//
//   std::vector<GoodsCategory> categories = DefaultCategories();
//   // categories[0].words: "watch", …, "montre", …, "shou biao" (手表 folded)
#ifndef PLACI_CORE_DEFAULT_CATEGORIES_H_
#define PLACI_CORE_DEFAULT_CATEGORIES_H_

#include <vector>

#include "core/screening_config.h"

namespace placi::core {

// Words and brands as FoldText makes them (the form descriptions are read
// in and the rules file lists), each once a category, in a set order.
std::vector<GoodsCategory> DefaultCategories();

}  // namespace placi::core

#endif  // PLACI_CORE_DEFAULT_CATEGORIES_H_
