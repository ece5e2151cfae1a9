// Tables of name_reading_tables.h. Keys are UTF-8 as written (Arabic and
// Persian as AbjadWordKey makes them: one form of alef, yeh and kaf, no
// vowel marks); values are folded spellings apart by "|".
#include "core/name_reading_tables.h"

#include <string_view>

#include "absl/container/flat_hash_map.h"

namespace placi::core {
namespace {

struct Row {
  const char* word;
  const char* spellings;
};

// The common Korean surnames (over 90% of people) with the spellings
// passports use, then Revised Romanization where it differs.
constexpr Row kKoreanSurnames[] = {
    {"김", "kim|gim"},      {"이", "lee|yi|rhee|i"}, {"박", "park|bak|pak"},
    {"최", "choi|choe"},    {"정", "jung|jeong|chung"}, {"강", "kang|gang"},
    {"조", "cho|jo"},       {"윤", "yoon|yun"},       {"장", "jang|chang"},
    {"임", "lim|im|rim"},   {"한", "han"},            {"오", "oh|o"},
    {"서", "seo|suh"},      {"신", "shin|sin"},       {"권", "kwon|gwon"},
    {"황", "hwang"},        {"안", "ahn|an"},         {"송", "song"},
    {"류", "ryu|yoo|yu"},   {"유", "yoo|yu"},         {"전", "jeon|jun|chun"},
    {"홍", "hong"},         {"고", "ko|go"},          {"문", "moon|mun"},
    {"양", "yang"},         {"손", "son|sohn"},       {"배", "bae"},
    {"백", "baek|paik"},    {"허", "heo|hur"},        {"남", "nam"},
    {"노", "noh|roh|no"},   {"하", "ha"},             {"곽", "kwak|gwak"},
    {"성", "sung|seong"},   {"차", "cha"},            {"주", "joo|ju"},
    {"우", "woo|u"},        {"구", "koo|gu"},         {"민", "min"},
    {"나", "na|ra"},        {"진", "jin|chin"},       {"지", "ji|chi"},
    {"엄", "eom|um"},       {"채", "chae"},           {"원", "won"},
    {"천", "cheon|chun"},   {"방", "bang"},           {"공", "kong|gong"},
    {"현", "hyun|hyeon"},   {"함", "ham"},            {"변", "byun|byeon"},
    {"염", "yeom|yum"},     {"여", "yeo"},            {"추", "choo|chu"},
    {"도", "do|doh"},       {"소", "so"},             {"석", "seok|suk"},
    {"선", "sun|seon"},     {"설", "seol|sul"},       {"마", "ma"},
    {"길", "gil|kil"},      {"연", "yeon|yun"},       {"위", "wi"},
    {"표", "pyo"},          {"명", "myung|myeong"},   {"기", "ki|gi"},
    {"반", "ban"},          {"왕", "wang"},           {"금", "keum|geum"},
    {"옥", "ok"},           {"육", "yook|yuk"},       {"인", "in"},
    {"맹", "maeng"},        {"제", "je"},             {"모", "mo"},
    {"탁", "tak"},          {"국", "kook|guk"},       {"은", "eun"},
    {"봉", "bong"},         {"경", "kyung|gyeong"},   {"심", "shim|sim"},
    {"라", "ra|na"},        {"피", "pi"},             {"용", "yong"},
    {"남궁", "namgung|namkoong"}, {"선우", "sunwoo|seonu"}, {"제갈", "jegal"},
    {"황보", "hwangbo"},    {"독고", "dokgo"},        {"사공", "sagong"},
};

// Hong Kong government (Cantonese) spellings of the characters common in
// surnames and given names, traditional and simplified forms.
constexpr Row kCantonese[] = {
    {"陳", "chan"},  {"陈", "chan"},  {"黃", "wong"},  {"黄", "wong"},  {"王", "wong"},
    {"李", "lee"},   {"張", "cheung"}, {"张", "cheung"}, {"劉", "lau"},  {"刘", "lau"},
    {"吳", "ng"},    {"吴", "ng"},    {"伍", "ng"},    {"何", "ho"},    {"梁", "leung"},
    {"林", "lam"},   {"郭", "kwok"},  {"鄭", "cheng"}, {"郑", "cheng"}, {"楊", "yeung"},
    {"杨", "yeung"}, {"周", "chow"},  {"謝", "tse"},   {"谢", "tse"},   {"麥", "mak"},
    {"麦", "mak"},   {"朱", "chu"},   {"許", "hui"},   {"许", "hui"},   {"馮", "fung"},
    {"冯", "fung"},  {"羅", "law"},   {"罗", "law"},   {"曾", "tsang"}, {"蔡", "choi"},
    {"鄧", "tang"},  {"邓", "tang"},  {"葉", "yip"},   {"叶", "yip"},   {"盧", "lo"},
    {"卢", "lo"},    {"潘", "poon"},  {"袁", "yuen"},  {"蘇", "so"},    {"苏", "so"},
    {"余", "yu"},    {"馬", "ma"},    {"马", "ma"},    {"譚", "tam"},   {"谭", "tam"},
    {"胡", "wu"},    {"彭", "pang"},  {"鍾", "chung"}, {"钟", "chung"}, {"鐘", "chung"},
    {"關", "kwan"},  {"关", "kwan"},  {"廖", "liu"},   {"江", "kong"},  {"姚", "yiu"},
    {"徐", "tsui"},  {"崔", "tsui"},  {"孫", "suen"},  {"孙", "suen"},  {"湯", "tong"},
    {"汤", "tong"},  {"唐", "tong"},  {"黎", "lai"},   {"賴", "lai"},   {"赖", "lai"},
    {"杜", "to"},    {"岑", "shum"},  {"沈", "shum"},  {"侯", "hau"},   {"石", "shek"},
    {"方", "fong"},  {"邱", "yau"},   {"游", "yau"},   {"甘", "kam"},   {"金", "kam"},
    {"范", "fan"},   {"莫", "mok"},   {"嚴", "yim"},   {"严", "yim"},   {"高", "ko"},
    {"蔣", "tseung"}, {"蒋", "tseung"}, {"戴", "tai"}, {"區", "au"},    {"区", "au"},
    {"歐", "au"},    {"欧", "au"},    {"雷", "lui"},   {"呂", "lui"},   {"吕", "lui"},
    {"丁", "ting"},  {"顏", "ngan"},  {"颜", "ngan"},  {"龍", "lung"},  {"龙", "lung"},
    {"韓", "hon"},   {"韩", "hon"},   {"鄺", "kwong"}, {"邝", "kwong"}, {"尹", "wan"},
    {"溫", "wan"},   {"温", "wan"},   {"施", "sze"},   {"洪", "hung"},  {"孔", "hung"},
    {"宋", "sung"},  {"趙", "chiu"},  {"赵", "chiu"},  {"程", "ching"}, {"簡", "kan"},
    {"简", "kan"},   {"邵", "shiu"},  {"田", "tin"},   {"白", "pak"},   {"梅", "mui"},
    {"董", "tung"},  {"駱", "lok"},   {"骆", "lok"},   {"傅", "fu"},    {"柯", "o"},
    {"歐陽", "au yeung"}, {"欧阳", "au yeung"}, {"司徒", "szeto"},
    // Given names.
    {"大", "tai"},   {"文", "man"},   {"明", "ming"},  {"偉", "wai"},   {"伟", "wai"},
    {"華", "wah"},   {"华", "wah"},   {"志", "chi"},   {"強", "keung"}, {"强", "keung"},
    {"國", "kwok"},  {"国", "kwok"},  {"家", "ka"},    {"嘉", "ka"},    {"俊", "chun"},
    {"傑", "kit"},   {"杰", "kit"},   {"健", "kin"},   {"德", "tak"},   {"輝", "fai"},
    {"辉", "fai"},   {"榮", "wing"},  {"荣", "wing"},  {"永", "wing"},  {"雄", "hung"},
    {"美", "mei"},   {"玲", "ling"},  {"麗", "lai"},   {"丽", "lai"},   {"芳", "fong"},
    {"珊", "shan"},  {"慧", "wai"},   {"敏", "man"},   {"儀", "yee"},   {"仪", "yee"},
    {"欣", "yan"},   {"婷", "ting"},  {"詩", "sze"},   {"诗", "sze"},   {"雅", "nga"},
    {"小", "siu"},   {"子", "tsz"},   {"思", "sze"},   {"心", "sum"},   {"安", "on"},
    {"寶", "po"},    {"宝", "po"},    {"成", "shing"}, {"興", "hing"},  {"兴", "hing"},
    {"發", "fat"},   {"发", "fat"},   {"平", "ping"},  {"光", "kwong"}, {"東", "tung"},
    {"东", "tung"},  {"海", "hoi"},   {"天", "tin"},   {"英", "ying"},  {"秀", "sau"},
    {"月", "yuet"},  {"雲", "wan"},   {"云", "wan"},   {"山", "shan"},  {"立", "lap"},
    {"信", "shun"},  {"浩", "ho"},    {"錦", "kam"},   {"锦", "kam"},
    {"進", "chun"},  {"进", "chun"},  {"宇", "yu"},    {"軒", "hin"},   {"轩", "hin"},
    {"達", "tat"},   {"达", "tat"},   {"耀", "yiu"},   {"祖", "cho"},   {"振", "chun"},
    {"潔", "kit"},   {"洁", "kit"},   {"少", "siu"},   {"君", "kwan"},  {"霞", "ha"},
    {"鳳", "fung"},  {"凤", "fung"},  {"蓮", "lin"},   {"莲", "lin"},   {"淑", "suk"},
    {"佩", "pui"},   {"惠", "wai"},   {"中", "chung"}, {"民", "man"},
    {"新", "san"},   {"福", "fuk"},   {"和", "wo"},    {"樂", "lok"},   {"乐", "lok"},
    {"建", "kin"},   {"玉", "yuk"},
};

// Common Japanese surnames (Hepburn without macrons; the forms with "h" or
// "u" for a long vowel that passports also use).
constexpr Row kJapaneseSurnames[] = {
    {"佐藤", "sato|satou|satoh"}, {"鈴木", "suzuki"},   {"高橋", "takahashi"},
    {"田中", "tanaka"},          {"伊藤", "ito|itoh|itou"}, {"渡辺", "watanabe"},
    {"渡邊", "watanabe"},        {"渡邉", "watanabe"},  {"山本", "yamamoto"},
    {"中村", "nakamura"},        {"小林", "kobayashi"}, {"加藤", "kato|katoh|katou"},
    {"吉田", "yoshida"},         {"山田", "yamada"},    {"佐々木", "sasaki"},
    {"山口", "yamaguchi"},       {"松本", "matsumoto"}, {"井上", "inoue"},
    {"木村", "kimura"},          {"林", "hayashi"},     {"斎藤", "saito|saitoh|saitou"},
    {"斉藤", "saito|saitoh|saitou"}, {"清水", "shimizu"}, {"山崎", "yamazaki|yamasaki"},
    {"森", "mori"},              {"池田", "ikeda"},     {"橋本", "hashimoto"},
    {"阿部", "abe"},             {"石川", "ishikawa"},  {"山下", "yamashita"},
    {"中島", "nakajima|nakashima"}, {"石井", "ishii"},  {"小川", "ogawa"},
    {"前田", "maeda"},           {"岡田", "okada"},     {"長谷川", "hasegawa"},
    {"藤田", "fujita"},          {"後藤", "goto|gotoh|gotou"}, {"近藤", "kondo|kondoh|kondou"},
    {"村上", "murakami"},        {"遠藤", "endo|endoh|endou"}, {"青木", "aoki"},
    {"坂本", "sakamoto"},        {"福田", "fukuda"},    {"太田", "ota|ohta"},
    {"西村", "nishimura"},       {"藤井", "fujii"},     {"金子", "kaneko"},
    {"岡本", "okamoto"},         {"藤原", "fujiwara"},  {"中野", "nakano"},
    {"三浦", "miura"},           {"原田", "harada"},    {"松田", "matsuda"},
    {"竹内", "takeuchi"},        {"中川", "nakagawa"},  {"野口", "noguchi"},
    {"小野", "ono|ohno"},        {"田村", "tamura"},    {"上田", "ueda"},
    {"森田", "morita"},          {"本田", "honda"},     {"豊田", "toyoda|toyota"},
    {"大野", "ono|ohno"},        {"工藤", "kudo|kudoh"}, {"内田", "uchida"},
    {"和田", "wada"},            {"酒井", "sakai"},     {"横山", "yokoyama"},
};

constexpr Row kJapaneseGivenNames[] = {
    {"太郎", "taro|tarou"},   {"一郎", "ichiro|ichirou"}, {"次郎", "jiro|jirou"},
    {"健太", "kenta"},        {"翔太", "shota|shouta"}, {"大輔", "daisuke"},
    {"拓也", "takuya"},       {"直樹", "naoki"},       {"健一", "kenichi"},
    {"誠", "makoto"},         {"浩", "hiroshi"},       {"隆", "takashi"},
    {"学", "manabu"},         {"大翔", "hiroto"},      {"蓮", "ren"},
    {"陽翔", "haruto"},       {"花子", "hanako"},      {"陽子", "yoko|youko"},
    {"恵子", "keiko"},        {"裕子", "yuko|yuuko"},  {"美咲", "misaki"},
    {"愛", "ai"},             {"結衣", "yui"},         {"由美", "yumi"},
    {"真由美", "mayumi"},     {"明美", "akemi"},       {"直美", "naomi"},
    {"優子", "yuko|yuuko"},   {"智子", "tomoko"},      {"京子", "kyoko|kyouko"},
    {"和子", "kazuko"},       {"幸子", "sachiko"},     {"美穂", "miho"},
    {"翔", "sho|shou"},       {"健", "ken"},           {"剛", "tsuyoshi"},
    {"聡", "satoshi"},        {"博", "hiroshi"},       {"修", "osamu"},
    {"明", "akira"},          {"茂", "shigeru"},       {"勇", "isamu"},
    {"清", "kiyoshi"},        {"大樹", "daiki"},       {"雄一", "yuichi|yuuichi"},
    {"和也", "kazuya"},       {"達也", "tatsuya"},     {"哲也", "tetsuya"},
    {"誠一", "seiichi"},      {"翼", "tsubasa"},       {"浩二", "koji|kouji"},
    {"健二", "kenji"},        {"正", "tadashi"},       {"進", "susumu"},
};

// Arabic and Persian name words (as AbjadWordKey writes them), and Hebrew
// ones, with the spellings passports and company registers use.
constexpr Row kAbjad[] = {
    {"محمد", "mohammed|mohamed|muhammad|mohammad"},
    {"احمد", "ahmed|ahmad"},
    {"علي", "ali"},
    {"حسن", "hassan|hasan"},
    {"حسين", "hussein|hussain|hossein"},
    {"عبدالله", "abdullah|abdallah"},
    {"عبد", "abdul|abd"},
    {"خالد", "khaled|khalid"},
    {"عمر", "omar|umar"},
    {"يوسف", "youssef|yousef|yusuf"},
    {"ابراهيم", "ibrahim|ebrahim"},
    {"مصطفي", "mustafa|mostafa"},
    {"محمود", "mahmoud|mahmud"},
    {"سعيد", "saeed|said"},
    {"فاطمه", "fatima|fatma|fatemeh"},
    {"مريم", "maryam|mariam"},
    {"رضا", "reza|rida"},
    {"رضايي", "rezaei|rezaee|rezai"},
    {"حسيني", "hosseini|husseini"},
    {"كريمي", "karimi"},
    {"رحيمي", "rahimi"},
    {"احمدي", "ahmadi"},
    {"محمدي", "mohammadi"},
    {"جعفر", "jafar|jaafar"},
    {"سلمان", "salman"},
    {"ناصر", "nasser|nasir"},
    {"راشد", "rashid|rashed|rasheed"},
    {"رشيد", "rashid|rasheed"},
    {"نور", "noor|nour|nur"},
    {"منصور", "mansour|mansoor"},
    {"عثمان", "othman|osman|usman"},
    {"طارق", "tariq|tarek"},
    {"زيد", "zaid|zayed"},
    {"سالم", "salem|salim"},
    {"كريم", "karim|kareem"},
    {"جمال", "jamal|gamal"},
    {"امين", "amin|ameen"},
    {"هاشم", "hashem|hashim"},
    {"شريف", "sharif|sherif"},
    {"قاسم", "qasim|kassem|ghasem"},
    {"مهدي", "mehdi|mahdi"},
    {"حميد", "hamid"},
    {"صالح", "saleh|salih"},
    {"عادل", "adel|adil"},
    {"فيصل", "faisal|faysal"},
    {"زهرا", "zahra"},
    {"ليلي", "leila|layla"},
    {"ساره", "sara|sarah"},
    {"فرهاد", "farhad"},
    {"داود", "dawood|daoud|davood"},
    {"موسي", "musa|mousa"},
    {"عيسي", "issa|isa"},
    {"نصر", "nasr"},
    {"ماجد", "majid|majed"},
    {"وليد", "walid|waleed"},
    {"سلطان", "sultan"},
    {"هادي", "hadi"},
    {"نجار", "najjar|najar"},
    {"حداد", "haddad"},
    {"خوري", "khoury|khouri"},
    {"امير", "amir"},
    {"مرتضي", "morteza|murtada"},
    {"تهراني", "tehrani"},
    {"عبدالرحمن", "abdulrahman|abdelrahman|abdul rahman"},
    {"عبدالعزيز", "abdulaziz|abdelaziz|abdul aziz"},
    {"يحيي", "yahya"},
    {"اسماعيل", "ismail|esmail"},
    {"ياسر", "yasser|yasir"},
    {"هشام", "hisham|hesham"},
    {"اسامه", "osama|usama"},
    {"بلال", "bilal"},
    {"حمزه", "hamza|hamzah"},
    {"زياد", "ziad|ziyad"},
    {"نبيل", "nabil|nabeel"},
    {"سامي", "sami|samy"},
    {"عماد", "emad|imad"},
    {"فارس", "fares|faris"},
    {"وائل", "wael|wail"},
    {"خديجه", "khadija|khadijah"},
    {"زينب", "zainab|zeinab"},
    {"ياسمين", "yasmin|yasmine"},
    // Gulf family names (Dubai's free zones), read with the article.
    {"هاشمي", "hashemi|hashimi"},
    {"شامسي", "shamsi"},
    {"منصوري", "mansoori|mansouri"},
    {"فلاسي", "falasi"},
    {"ظاهري", "dhaheri|zaheri"},
    {"كعبي", "kaabi|kabi"},
    {"نعيمي", "nuaimi|naimi"},
    {"سويدي", "suwaidi|suwaydi"},
    {"قاسمي", "qasimi|ghasemi|qasemi"},
    {"مزروعي", "mazrouei|mazroui"},
    {"بلوشي", "balushi|baloushi"},
    // Persian.
    {"محمدرضا", "mohammadreza|mohammad reza"},
    {"عليرضا", "alireza|ali reza"},
    {"موسوي", "mousavi|musavi"},
    {"جعفري", "jafari"},
    {"صادقي", "sadeghi|sadeqi"},
    {"كاظمي", "kazemi"},
    {"نوري", "nouri|noori"},
    {"اكبري", "akbari"},
    {"سليماني", "soleimani|suleimani"},
    {"حيدري", "heydari|haidari"},
    {"شريفي", "sharifi"},
    // Words of company names, as English-language registers translate them
    // ("محمد الراشد للتجارة العامة" is "Mohammed Al Rashid General Trading").
    {"للتجاره", "trading"},
    {"التجاره", "trading"},
    {"تجاره", "trading"},
    {"التجاريه", "trading"},
    {"العامه", "general"},
    {"للالكترونيات", "electronics"},
    {"الكترونيات", "electronics"},
    {"النور", "al noor|al nour|alnoor"},
    // Hebrew.
    {"דוד", "david|dovid"},
    {"כהן", "cohen|kohen|cohn"},
    {"לוי", "levi|levy"},
    {"משה", "moshe"},
    {"יוסף", "yosef|joseph"},
    {"אברהם", "avraham|abraham"},
    {"יצחק", "yitzhak|itzhak|isaac"},
    {"יעקב", "yaakov|jacob"},
    {"שרה", "sarah|sara"},
    {"רחל", "rachel"},
    {"מרים", "miriam"},
    {"מזרחי", "mizrahi|mizrachi"},
    {"פרץ", "peretz|perez"},
    {"ביטון", "biton"},
    {"פרידמן", "friedman"},
    {"שפירא", "shapira|shapiro"},
    {"גולדברג", "goldberg"},
    {"בן", "ben"},
    {"נתן", "natan|nathan"},
    {"דניאל", "daniel"},
    {"מיכאל", "michael"},
    {"יונתן", "yonatan|jonathan"},
    {"אורי", "uri"},
    {"אבי", "avi"},
    {"רון", "ron"},
    {"תמר", "tamar"},
    {"שלום", "shalom"},
    {"חיים", "haim|chaim"},
    {"אהרון", "aharon|aaron"},
    {"גבריאל", "gabriel"},
    {"אלון", "alon"},
    {"עמית", "amit"},
    {"יהודה", "yehuda"},
    {"שמעון", "shimon"},
    {"אליהו", "eliyahu"},
    {"ישראל", "israel|yisrael"},
};

// Thai given names and surnames: RTGS, then the popular spelling.
constexpr Row kThai[] = {
    {"สมชาย", "somchai"},    {"ใจดี", "chaidi|jaidee"},  {"สมศักดิ์", "somsak"},
    {"สมพร", "somphon|somporn"}, {"ประเสริฐ", "prasoet|prasert"}, {"วิชัย", "wichai|vichai"},
    {"สุชาติ", "suchat|suchart"}, {"มาลี", "mali|malee"},  {"ทองดี", "thongdi|thongdee"},
    {"บุญมี", "bunmi|boonmee"}, {"ชัยวัฒน์", "chaiwat"},  {"อนันต์", "anan"},
    {"สมหญิง", "somying"},    {"นิภา", "nipha|nipa"},    {"ปัญญา", "panya"},
    {"กิตติ", "kitti"},       {"สมบัติ", "sombat"},      {"สุรชัย", "surachai"},
    {"ศรีสุข", "srisuk|sisuk"}, {"แสงทอง", "saengthong"}, {"วงศ์สวัสดิ์", "wongsawat"},
};

using Map = absl::flat_hash_map<std::string_view, std::string_view>;

template <size_t N>
Map* MapOf(const Row (&rows)[N]) {
  auto* map = new Map;
  for (const Row& row : rows) map->emplace(row.word, row.spellings);
  return map;
}

const Map& TableMap(NameTable table) {
  static const Map* maps[] = {MapOf(kKoreanSurnames),   MapOf(kCantonese),
                              MapOf(kJapaneseSurnames), MapOf(kJapaneseGivenNames),
                              MapOf(kAbjad),            MapOf(kThai)};
  return *maps[static_cast<int>(table)];
}

}  // namespace

std::string_view NameWordSpellings(NameTable table, std::string_view word) {
  const Map& map = TableMap(table);
  const auto it = map.find(word);
  return it == map.end() ? std::string_view() : it->second;
}

}  // namespace placi::core
