//! Month and weekday names, and the words around them: the one date
//! vocabulary. [`crate::text::dates`] reads dates in articles ("Sunday,
//! Dec. 28", "28 декабря", "el domingo pasado") for `import` and `suggest`,
//! `dossier actors` tells names from calendar words ("On Monday ..."), and
//! the pages write dates ("28 December 2025", "28 Dec 2025").
//!
//! A language is data: a [`Vocabulary`] lists every form of each name as
//! it is written in running text (a language that declines month names
//! lists each case: nominative, genitive, locative), the words that place a
//! weekday before or after the day of writing ("last", "прошлую", "pasado")
//! and the words that put a sentence in the future ("will", "состоится").
//! The readers look through every vocabulary in [`LANGUAGES`], so an
//! article needs no language tag to be read. Adding a language is adding a
//! table there; dates themselves are `jiff` dates.

use jiff::civil::Weekday;

/// The words one language writes dates with, lower case.
pub struct Vocabulary {
    /// ISO 639-1 code.
    pub language: &'static str,
    /// Each month's names in running text, January first: every form the
    /// language uses, each a whole word.
    pub months: [&'static [&'static str]; 12],
    /// Month names of two words ("تشرين الأول", October), with the month.
    pub two_word_months: &'static [(&'static str, &'static str, i8)],
    /// Each month's abbreviations, read only when a full stop follows them
    /// ("Dec. 28") or a day comes right before them ("3 дек"): otherwise
    /// "mar" is as often part of a word (Mar-a-Lago).
    pub month_abbreviations: [&'static [&'static str]; 12],
    /// Each weekday's names, Monday first, in every form used after "on"
    /// (Russian "в среду", not "среда", which is also "environment").
    pub weekdays: [&'static [&'static str]; 7],
    /// Parts of a day a weekday is written together with, as German does
    /// ("am Mittwochabend", "am frühen Donnerstagmorgen"): each weekday
    /// followed by one of these is that weekday too.
    pub day_parts: &'static [&'static str],
    /// Days named relative to the day of writing: ("yesterday", -1).
    pub relative_days: &'static [(&'static str, i8)],
    /// Words right before a weekday that put it in the past ("last Sunday")
    /// or ahead ("next Sunday").
    pub last: &'static [&'static str],
    pub next: &'static [&'static str],
    /// Words right after a weekday that put it in the past ("el domingo pasado").
    pub last_after: &'static [&'static str],
    /// Words right before a day that make it the start of something still
    /// going on ("since 14 December", "с 14 декабря"): a day before the news.
    pub since: &'static [&'static str],
    /// Words right before a day that point at the days around the writing
    /// ("this Tuesday", "este martes"): the news of the day.
    pub this: &'static [&'static str],
    /// Words or phrases that, earlier in a sentence than a date, say the
    /// date is still ahead ("will meet on Tuesday", "состоится в среду").
    pub future: &'static [&'static str],
    /// Verbs that close a clause and put it in the future, for languages that
    /// put the verb last ("dem Premier bei der Abstimmung am 8. September das
    /// Vertrauen entziehen zu wollen", "dass sie am Montag stattfinden wird").
    pub future_at_clause_end: &'static [&'static str],
    /// ... unless one of these makes the sentence a counterfactual about the
    /// past ("would have").
    pub counterfactual: &'static [&'static str],
    /// Words or phrases that, earlier in a clause than a date, make it the
    /// day something still going on began ("the war began on Friday, June
    /// 13", "since 13 June"): the story's background, not its news.
    pub began: &'static [&'static str],
    /// Small words between the parts of a date: "16 de noviembre de 2025".
    pub joiners: &'static [&'static str],
    /// Words after a year: "2025 года", "2025 р.".
    pub year_words: &'static [&'static str],
    /// How pages write each month: its name, and its short form.
    pub month_display: [&'static str; 12],
    pub month_short_display: [&'static str; 12],
}

pub const ENGLISH: Vocabulary = Vocabulary {
    language: "en",
    months: [
        &["january"],
        &["february"],
        &["march"],
        &["april"],
        &["may"],
        &["june"],
        &["july"],
        &["august"],
        &["september", "sept"],
        &["october"],
        &["november"],
        &["december"],
    ],
    two_word_months: &[],
    month_abbreviations: [&["jan"], &["feb"], &["mar"], &["apr"], &["may"], &["jun"], &["jul"], &["aug"], &["sep", "sept"], &["oct"], &["nov"], &["dec"]],
    weekdays: [&["monday"], &["tuesday"], &["wednesday"], &["thursday"], &["friday"], &["saturday"], &["sunday"]],
    day_parts: &[],
    relative_days: &[("today", 0), ("tonight", 0), ("yesterday", -1), ("tomorrow", 1)],
    last: &["last", "past"],
    next: &["next", "coming"],
    last_after: &[],
    since: &["since"],
    this: &["this"],
    future: &[
        "will",
        "would",
        "could",
        "shall",
        "plans",
        "planned",
        "expected",
        "set to",
        "upcoming",
        "scheduled",
        "next",
        "if",
        "to be",
        "going to",
        "expect",
        "expects",
        "as early as",
        "possible",
        "ahead of",
        // "Poland is heading for a runoff on June 1": where a race goes next.
        // Not "headed for": in the past tense it is as often the day someone
        // set off ("the delegation headed for Geneva on Sunday").
        "heading for",
        "heads for",
        "heading to",
        "heads to",
        // "cuts its rate to 2%, effective June 11": the day it takes effect.
        "effective",
    ],
    future_at_clause_end: &[],
    counterfactual: &["would have", "could have", "had been", "had joined", "should have", "might have"],
    began: &["began", "begun", "started", "erupted", "broke out", "since"],
    joiners: &["of", "the"],
    year_words: &[],
    month_display: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    month_short_display: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
};

pub const RUSSIAN: Vocabulary = Vocabulary {
    language: "ru",
    months: [
        &["январь", "января", "январе"],
        &["февраль", "февраля", "феврале"],
        &["март", "марта", "марте"],
        &["апрель", "апреля", "апреле"],
        &["май", "мая", "мае"],
        &["июнь", "июня", "июне"],
        &["июль", "июля", "июле"],
        &["август", "августа", "августе"],
        &["сентябрь", "сентября", "сентябре"],
        &["октябрь", "октября", "октябре"],
        &["ноябрь", "ноября", "ноябре"],
        &["декабрь", "декабря", "декабре"],
    ],
    two_word_months: &[],
    month_abbreviations: [
        &["янв"],
        &["фев", "февр"],
        &["мар"],
        &["апр"],
        &[],
        &["июн"],
        &["июл"],
        &["авг"],
        &["сен", "сент"],
        &["окт"],
        &["ноя", "нояб"],
        &["дек"],
    ],
    weekdays: [
        &["понедельник", "понедельника"],
        &["вторник", "вторника"],
        &["среду"],
        &["четверг", "четверга"],
        &["пятницу"],
        &["субботу"],
        &["воскресенье", "воскресенья"],
    ],
    day_parts: &[],
    relative_days: &[("сегодня", 0), ("вчера", -1), ("позавчера", -2), ("завтра", 1)],
    last: &["прошлый", "прошлую", "прошлое", "прошедший", "прошедшую", "прошедшее"],
    next: &["следующий", "следующую", "следующее", "ближайший", "ближайшую", "ближайшее"],
    last_after: &[],
    since: &["с", "со"],
    this: &["этот", "эту", "это", "этом"],
    future: &[
        "будет",
        "будут",
        "состоится",
        "состоятся",
        "пройдет",
        "пройдёт",
        "пройдут",
        "продолжится",
        "продолжатся",
        "возобновится",
        "возобновятся",
        "планирует",
        "планируют",
        "планируется",
        "намерен",
        "намерены",
        "ожидается",
        "ожидают",
        "предстоит",
        "должен",
        "должна",
        "должны",
        "если",
    ],
    future_at_clause_end: &[],
    counterfactual: &["было бы", "могло бы", "стало бы"],
    began: &["начались", "началась", "начался", "началось", "с тех пор как", "начиная с"],
    joiners: &[],
    year_words: &["года", "году", "год", "г"],
    month_display: ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"],
    month_short_display: ["янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"],
};

pub const UKRAINIAN: Vocabulary = Vocabulary {
    language: "uk",
    months: [
        &["січень", "січня", "січні"],
        &["лютий", "лютого", "лютому"],
        &["березень", "березня", "березні"],
        &["квітень", "квітня", "квітні"],
        &["травень", "травня", "травні"],
        &["червень", "червня", "червні"],
        &["липень", "липня", "липні"],
        &["серпень", "серпня", "серпні"],
        &["вересень", "вересня", "вересні"],
        &["жовтень", "жовтня", "жовтні"],
        &["листопад", "листопада", "листопаді"],
        &["грудень", "грудня", "грудні"],
    ],
    two_word_months: &[],
    month_abbreviations: [&["січ"], &["лют"], &["бер"], &["квіт"], &["трав"], &["черв"], &["лип"], &["серп"], &["вер"], &["жовт"], &["лист"], &["груд"]],
    weekdays: [
        &["понеділок", "понеділка"],
        &["вівторок", "вівторка"],
        &["середу"],
        &["четвер", "четверга"],
        &["п'ятницю", "пʼятницю"],
        &["суботу"],
        &["неділю"],
    ],
    day_parts: &[],
    relative_days: &[("сьогодні", 0), ("вчора", -1), ("учора", -1), ("позавчора", -2), ("завтра", 1)],
    last: &["минулого", "минулої", "минулий", "минулу", "минулої"],
    next: &["наступного", "наступної", "наступний", "наступну"],
    last_after: &[],
    since: &["з", "із", "зі"],
    this: &["цей", "цю", "цього"],
    future: &[
        "буде",
        "будуть",
        "відбудеться",
        "відбудуться",
        "пройде",
        "продовжиться",
        "продовжаться",
        "відновиться",
        "відновляться",
        "планує",
        "планують",
        "планується",
        "очікується",
        "якщо",
    ],
    future_at_clause_end: &[],
    counterfactual: &["було б", "могло б"],
    began: &["почалися", "почалася", "почався", "почалося", "починаючи з"],
    joiners: &[],
    year_words: &["року", "рік", "р"],
    month_display: ["січень", "лютий", "березень", "квітень", "травень", "червень", "липень", "серпень", "вересень", "жовтень", "листопад", "грудень"],
    month_short_display: ["січ", "лют", "бер", "кві", "тра", "чер", "лип", "сер", "вер", "жов", "лис", "гру"],
};

pub const SPANISH: Vocabulary = Vocabulary {
    language: "es",
    months: [
        &["enero"],
        &["febrero"],
        &["marzo"],
        &["abril"],
        &["mayo"],
        &["junio"],
        &["julio"],
        &["agosto"],
        &["septiembre", "setiembre"],
        &["octubre"],
        &["noviembre"],
        &["diciembre"],
    ],
    two_word_months: &[],
    month_abbreviations: [
        &["ene"],
        &["feb"],
        &["mar"],
        &["abr"],
        &["may"],
        &["jun"],
        &["jul"],
        &["ago"],
        &["sep", "sept", "set"],
        &["oct"],
        &["nov"],
        &["dic"],
    ],
    weekdays: [&["lunes"], &["martes"], &["miércoles", "miercoles"], &["jueves"], &["viernes"], &["sábado", "sabado"], &["domingo"]],
    day_parts: &[],
    relative_days: &[("hoy", 0), ("ayer", -1), ("anoche", -1), ("anteayer", -2)],
    last: &[],
    next: &["próximo", "proximo", "próxima", "proxima"],
    last_after: &["pasado", "pasada"],
    since: &["desde"],
    this: &["este", "esta", "este pasado"],
    future: &[
        "será",
        "serán",
        "se realizará",
        "se realizarán",
        "se celebrará",
        "se celebrarán",
        "tendrá",
        "tendrán",
        "va a",
        "van a",
        "previsto",
        "prevista",
        "próximo",
        "próxima",
        "si",
    ],
    future_at_clause_end: &[],
    counterfactual: &["habría", "hubiera"],
    began: &["comenzó", "comenzaron", "empezó", "empezaron", "estalló", "desde el"],
    joiners: &["de", "del"],
    year_words: &[],
    month_display: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    month_short_display: ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],
};

pub const FRENCH: Vocabulary = Vocabulary {
    language: "fr",
    months: [
        &["janvier"],
        &["février", "fevrier"],
        &["mars"],
        &["avril"],
        &["mai"],
        &["juin"],
        &["juillet"],
        &["août", "aout"],
        &["septembre"],
        &["octobre"],
        &["novembre"],
        &["décembre", "decembre"],
    ],
    two_word_months: &[],
    month_abbreviations: [&["janv"], &["févr", "fév", "fevr"], &[], &["avr"], &[], &[], &["juil"], &[], &["sept"], &["oct"], &["nov"], &["déc", "dec"]],
    weekdays: [&["lundi"], &["mardi"], &["mercredi"], &["jeudi"], &["vendredi"], &["samedi"], &["dimanche"]],
    day_parts: &[],
    // Not "hier" (yesterday), which is German for "here": every vocabulary
    // reads every article.
    relative_days: &[("demain", 1)],
    last: &[],
    next: &[],
    last_after: &["dernier", "dernière", "derniere"],
    since: &["depuis"],
    this: &["ce", "cette"],
    future: &["sera", "seront", "devrait", "devraient", "aura lieu", "auront lieu", "prévu le", "prévue le", "prochain", "prochaine"],
    future_at_clause_end: &[],
    counterfactual: &["aurait", "auraient"],
    began: &["a commencé", "ont commencé", "a débuté", "ont débuté", "a éclaté", "depuis le"],
    joiners: &[],
    year_words: &[],
    month_display: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    month_short_display: ["janv", "févr", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc"],
};

pub const GERMAN: Vocabulary = Vocabulary {
    language: "de",
    months: [
        &["januar", "jänner"],
        &["februar", "feber"],
        &["märz", "maerz"],
        &["april"],
        &["mai"],
        &["juni"],
        &["juli"],
        &["august"],
        &["september"],
        &["oktober"],
        &["november"],
        &["dezember"],
    ],
    two_word_months: &[],
    month_abbreviations: [&["jan"], &["feb"], &["mär"], &["apr"], &[], &["jun"], &["jul"], &["aug"], &["sep", "sept"], &["okt"], &["nov"], &["dez"]],
    weekdays: [&["montag"], &["dienstag"], &["mittwoch"], &["donnerstag"], &["freitag"], &["samstag", "sonnabend"], &["sonntag"]],
    day_parts: &["morgen", "vormittag", "mittag", "nachmittag", "abend", "nacht"],
    // Not "morgen" (tomorrow), which is also "morning" ("am Morgen").
    relative_days: &[("heute", 0), ("gestern", -1), ("vorgestern", -2)],
    last: &["letzten", "letzte", "vergangenen", "vergangene"],
    next: &["nächsten", "nächste", "kommenden", "kommende"],
    last_after: &[],
    since: &["seit"],
    this: &["diesen", "dieser", "diese"],
    // "treffen sich ab 7. Mai": German tells a scheduled start in the present tense.
    future: &["wird", "werden", "soll", "sollen", "geplant", "voraussichtlich", "kommenden", "nächsten", "ab"],
    future_at_clause_end: &["wird", "werden", "soll", "sollen", "will", "wollen", "möchte", "möchten"],
    counterfactual: &["hätte", "hätten", "wäre", "wären"],
    began: &["begann", "begannen", "begonnen", "seit"],
    joiners: &[],
    year_words: &[],
    month_display: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    month_short_display: ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"],
};

pub const ITALIAN: Vocabulary = Vocabulary {
    language: "it",
    months: [
        &["gennaio"],
        &["febbraio"],
        &["marzo"],
        &["aprile"],
        &["maggio"],
        &["giugno"],
        &["luglio"],
        &["agosto"],
        &["settembre"],
        &["ottobre"],
        &["novembre"],
        &["dicembre"],
    ],
    // Not "set" or "gen" (English "set.", "Gen."): "sett." is September too.
    two_word_months: &[],
    month_abbreviations: [&[], &["feb"], &["mar"], &["apr"], &["mag"], &["giu"], &["lug"], &["ago"], &["sett"], &["ott"], &["nov"], &["dic"]],
    weekdays: [
        &["lunedì", "lunedi"],
        &["martedì", "martedi"],
        &["mercoledì", "mercoledi"],
        &["giovedì", "giovedi"],
        &["venerdì", "venerdi"],
        &["sabato"],
        &["domenica"],
    ],
    day_parts: &[],
    relative_days: &[("oggi", 0), ("ieri", -1), ("domani", 1)],
    last: &[],
    next: &["prossimo", "prossima"],
    last_after: &["scorso", "scorsa"],
    since: &["dal"],
    this: &["questo", "questa"],
    future: &["sarà", "saranno", "si terrà", "si terranno", "avrà luogo", "avranno luogo", "previsto", "prevista", "prossimo", "prossima"],
    future_at_clause_end: &[],
    counterfactual: &["avrebbe", "avrebbero"],
    began: &["è iniziata", "è iniziato", "sono iniziati", "sono iniziate", "è scoppiata", "a partire dal"],
    joiners: &["del"],
    year_words: &[],
    month_display: ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
    month_short_display: ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"],
};

/// Portuguese (Brazil and Portugal). Weekdays are compounds ("segunda-feira",
/// Monday), read whole: "segunda" alone is also "second", as in Spanish's
/// "segunda vuelta". March is "março" only: "Marco" is a first name.
/// Brazilian papers give the day after the weekday in
/// brackets ("nesta segunda-feira (23)"), which the date reader takes for
/// any language.
pub const PORTUGUESE: Vocabulary = Vocabulary {
    language: "pt",
    months: [
        &["janeiro"],
        &["fevereiro"],
        &["março"],
        &["abril"],
        &["maio"],
        &["junho"],
        &["julho"],
        &["agosto"],
        &["setembro"],
        &["outubro"],
        &["novembro"],
        &["dezembro"],
    ],
    two_word_months: &[],
    // Not "out" (October) or "set" (September): English words, "3 out of 10".
    month_abbreviations: [&[], &["fev"], &[], &[], &[], &[], &[], &[], &[], &[], &[], &["dez"]],
    weekdays: [
        &["segunda-feira"],
        &["terça-feira", "terca-feira"],
        &["quarta-feira"],
        &["quinta-feira"],
        &["sexta-feira"],
        &["sábado", "sabado"],
        &["domingo"],
    ],
    day_parts: &[],
    relative_days: &[("hoje", 0), ("ontem", -1), ("anteontem", -2), ("amanhã", 1)],
    last: &[],
    next: &["próximo", "proximo", "próxima", "proxima"],
    last_after: &["passado", "passada"],
    since: &["desde"],
    this: &["nesta", "neste", "nesse", "nessa"],
    future: &["será", "serão", "vai", "vão", "irá", "irão", "deverá", "deverão", "previsto", "prevista", "marcado para", "marcada para"],
    future_at_clause_end: &[],
    counterfactual: &["teria", "teriam"],
    began: &["começou", "começaram", "iniciado em", "iniciada em", "desde o", "desde a"],
    joiners: &["de"],
    year_words: &[],
    month_display: ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
    month_short_display: ["jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"],
};

/// Polish declines month names ("24 lutego", "w lutym") and weekdays ("w
/// środę"): each case news uses is listed. "Maj" and "marca" are also a
/// first name and a Spanish word; a month is read only with a day.
pub const POLISH: Vocabulary = Vocabulary {
    language: "pl",
    months: [
        &["styczeń", "stycznia", "styczniu"],
        &["luty", "lutego", "lutym"],
        &["marzec", "marca", "marcu"],
        &["kwiecień", "kwietnia", "kwietniu"],
        &["maj", "maja", "maju"],
        &["czerwiec", "czerwca", "czerwcu"],
        &["lipiec", "lipca", "lipcu"],
        &["sierpień", "sierpnia", "sierpniu"],
        &["wrzesień", "września", "wrześniu"],
        &["październik", "października", "październiku"],
        &["listopad", "listopada", "listopadzie"],
        &["grudzień", "grudnia", "grudniu"],
    ],
    two_word_months: &[],
    month_abbreviations: [&[], &[], &[], &[], &[], &[], &[], &[], &[], &[], &[], &[]],
    weekdays: [&["poniedziałek"], &["wtorek"], &["środa", "środę"], &["czwartek"], &["piątek"], &["sobota", "sobotę"], &["niedziela", "niedzielę"]],
    day_parts: &[],
    relative_days: &[("dziś", 0), ("dzisiaj", 0), ("wczoraj", -1), ("przedwczoraj", -2), ("jutro", 1)],
    last: &["ostatni", "ostatnią", "zeszły", "zeszłą", "miniony", "minioną", "ubiegły", "ubiegłą"],
    next: &["przyszły", "przyszłą", "najbliższy", "najbliższą"],
    last_after: &[],
    since: &["od"],
    this: &["tę"],
    future: &[
        "będzie",
        "będą",
        "odbędzie się",
        "odbędą się",
        "ma się odbyć",
        "mają się odbyć",
        "zaplanowano",
        "zaplanowany",
        "zaplanowane",
        "planowany",
        "planowane",
    ],
    future_at_clause_end: &[],
    counterfactual: &["byłby", "byłaby", "byłoby", "gdyby"],
    began: &["rozpoczęła się", "rozpoczęło się", "zaczęła się", "wybuchła", "od"],
    joiners: &[],
    year_words: &["r", "roku"],
    month_display: ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"],
    month_short_display: ["sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"],
};

/// Dutch (the Netherlands and Flanders). Weekdays are written together with
/// the part of the day, as in German ("dinsdagmiddag"). Not "morgen"
/// (tomorrow), which is also "morning" ("maandagmorgen").
pub const DUTCH: Vocabulary = Vocabulary {
    language: "nl",
    months: [
        &["januari"],
        &["februari"],
        &["maart"],
        &["april"],
        &["mei"],
        &["juni"],
        &["juli"],
        &["augustus"],
        &["september"],
        &["oktober"],
        &["november"],
        &["december"],
    ],
    two_word_months: &[],
    month_abbreviations: [&[], &[], &["mrt"], &[], &[], &[], &[], &[], &[], &["okt"], &[], &[]],
    weekdays: [&["maandag"], &["dinsdag"], &["woensdag"], &["donderdag"], &["vrijdag"], &["zaterdag"], &["zondag"]],
    day_parts: &["ochtend", "morgen", "voormiddag", "middag", "namiddag", "avond", "nacht"],
    relative_days: &[("vandaag", 0), ("gisteren", -1), ("eergisteren", -2)],
    last: &["vorige", "afgelopen"],
    next: &["volgende", "komende"],
    last_after: &["jongstleden"],
    since: &["sinds", "sedert"],
    this: &["deze"],
    future: &["zal", "zullen", "wordt verwacht", "worden verwacht", "staat gepland", "staan gepland", "gepland"],
    future_at_clause_end: &[],
    counterfactual: &["zou hebben", "zouden hebben", "was geweest"],
    began: &["begon", "begonnen", "sinds"],
    joiners: &[],
    year_words: &[],
    month_display: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
    month_short_display: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
};

/// Czech. Dates name the month in the genitive ("6. května 2025") and a
/// weekday in the accusative after "v"/"ve" ("ve středu", "v neděli");
/// "v květnu" (in May) names a month alone.
pub const CZECH: Vocabulary = Vocabulary {
    language: "cs",
    months: [
        &["leden", "ledna", "lednu"],
        &["únor", "února", "únoru"],
        &["březen", "března", "březnu"],
        &["duben", "dubna", "dubnu"],
        &["květen", "května", "květnu"],
        &["červen", "června", "červnu"],
        &["červenec", "července", "červenci"],
        &["srpen", "srpna", "srpnu"],
        &["září"],
        &["říjen", "října", "říjnu"],
        &["listopad", "listopadu"],
        &["prosinec", "prosince", "prosinci"],
    ],
    two_word_months: &[],
    month_abbreviations: [&[], &[], &[], &[], &[], &[], &[], &[], &[], &[], &[], &[]],
    weekdays: [&["pondělí"], &["úterý"], &["středa", "středu"], &["čtvrtek"], &["pátek"], &["sobota", "sobotu"], &["neděle", "neděli"]],
    day_parts: &[],
    relative_days: &[("dnes", 0), ("včera", -1), ("předevčírem", -2), ("zítra", 1)],
    last: &["minulý", "minulou", "minulé", "uplynulý", "uplynulou"],
    next: &["příští"],
    last_after: &[],
    since: &["od"],
    this: &["tento", "tuto"],
    future: &["bude", "budou", "se uskuteční", "proběhne", "proběhnou", "má se konat", "mají se konat", "naplánováno", "plánováno"],
    future_at_clause_end: &[],
    counterfactual: &["kdyby", "byl by", "byla by", "bylo by"],
    began: &["začala", "začal", "začalo", "vypukla", "od"],
    joiners: &[],
    year_words: &["roku"],
    month_display: ["ledna", "února", "března", "dubna", "května", "června", "července", "srpna", "září", "října", "listopadu", "prosince"],
    month_short_display: ["led", "úno", "bře", "dub", "kvě", "čvn", "čvc", "srp", "zář", "říj", "lis", "pro"],
};

/// Turkish. A suffix after a name is written after an apostrophe
/// ("28 Aralık'ta", on 28 December), which [`entry`] reads past. Not
/// "pazar" (Sunday), which is also "market", as in "serbest pazar".
pub const TURKISH: Vocabulary = Vocabulary {
    language: "tr",
    months: [&["ocak"], &["şubat"], &["mart"], &["nisan"], &["mayıs"], &["haziran"], &["temmuz"], &["ağustos"], &["eylül"], &["ekim"], &["kasım"], &["aralık"]],
    two_word_months: &[],
    month_abbreviations: [&[], &[], &[], &[], &[], &[], &[], &[], &[], &[], &[], &[]],
    weekdays: [&["pazartesi"], &["salı"], &["çarşamba"], &["perşembe"], &["cuma"], &["cumartesi"], &[]],
    day_parts: &[],
    relative_days: &[("bugün", 0), ("dün", -1), ("yarın", 1)],
    last: &["geçen", "geçtiğimiz"],
    next: &["gelecek", "önümüzdeki"],
    last_after: &[],
    since: &[],
    this: &["bu"],
    future: &["gelecek", "önümüzdeki", "yapılacak", "gerçekleşecek", "düzenlenecek"],
    future_at_clause_end: &["yapılacak", "gerçekleşecek", "düzenlenecek", "bekleniyor", "planlanıyor"],
    counterfactual: &[],
    began: &["başlayan", "başladı", "bu yana"],
    joiners: &[],
    year_words: &["yılında"],
    month_display: ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"],
    month_short_display: ["Oca", "Şub", "Mar", "Nis", "May", "Haz", "Tem", "Ağu", "Eyl", "Eki", "Kas", "Ara"],
};

/// Arabic names each month twice: the names of Egypt and the Gulf
/// ("أكتوبر") and those of the Levant and Iraq ("تشرين الأول"), often
/// both ("8 أكتوبر/تشرين الأول 2025"). Weekdays are written with
/// their article ("يوم الأحد"), "last" and "next" after them ("الأحد
/// الماضي", "الأحد المقبل").
pub const ARABIC: Vocabulary = Vocabulary {
    language: "ar",
    months: [
        &["يناير"],
        &["فبراير", "شباط"],
        &["مارس", "آذار"],
        &["أبريل", "ابريل", "إبريل", "نيسان"],
        &["مايو", "أيار", "ايار"],
        &["يونيو", "يونيه", "حزيران"],
        &["يوليو", "يوليه", "تموز"],
        &["أغسطس", "اغسطس", "آب"],
        &["سبتمبر", "أيلول", "ايلول"],
        &["أكتوبر", "اكتوبر"],
        &["نوفمبر"],
        &["ديسمبر"],
    ],
    two_word_months: &[
        ("كانون", "الثاني", 1),
        ("كانون", "الثانى", 1),
        ("تشرين", "الأول", 10),
        ("تشرين", "الاول", 10),
        ("تشرين", "الثاني", 11),
        ("تشرين", "الثانى", 11),
        ("كانون", "الأول", 12),
        ("كانون", "الاول", 12),
    ],
    month_abbreviations: [&[], &[], &[], &[], &[], &[], &[], &[], &[], &[], &[], &[]],
    weekdays: [&["الاثنين", "الإثنين"], &["الثلاثاء"], &["الأربعاء", "الاربعاء"], &["الخميس"], &["الجمعة"], &["السبت"], &["الأحد", "الاحد"]],
    day_parts: &[],
    relative_days: &[("أمس", -1), ("امس", -1), ("الأمس", -1), ("غدا", 1), ("غداً", 1)],
    last: &[],
    next: &[],
    last_after: &["الماضي", "الماضية"],
    since: &["منذ"],
    this: &[],
    // The word after a weekday counts too: "الأحد المقبل" (next Sunday).
    future: &["سوف", "المقبل", "المقبلة", "القادم", "القادمة", "من المقرر", "من المتوقع"],
    future_at_clause_end: &[],
    counterfactual: &[],
    began: &["بدأت", "بدأ", "منذ"],
    joiners: &[],
    year_words: &[],
    month_display: ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
    month_short_display: ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
};

/// Hindi writes a nasal before a consonant two ways ("सितंबर", "सितम्बर"),
/// and the dot under फ in February either as its own mark or not at all:
/// each spelling is listed.
pub const HINDI: Vocabulary = Vocabulary {
    language: "hi",
    months: [
        &["जनवरी"],
        &["फरवरी", "\u{92b}\u{93c}रवरी", "\u{95e}रवरी"],
        &["मार्च"],
        &["अप्रैल", "अप्रेल"],
        &["मई"],
        &["जून"],
        &["जुलाई"],
        &["अगस्त"],
        &["सितंबर", "सितम्बर"],
        &["अक्टूबर", "अक्तूबर"],
        &["नवंबर", "नवम्बर"],
        &["दिसंबर", "दिसम्बर"],
    ],
    two_word_months: &[],
    month_abbreviations: [&[], &[], &[], &[], &[], &[], &[], &[], &[], &[], &[], &[]],
    weekdays: [&["सोमवार"], &["मंगलवार"], &["बुधवार"], &["गुरुवार", "बृहस्पतिवार"], &["शुक्रवार"], &["शनिवार"], &["रविवार"]],
    day_parts: &[],
    // Not "कल", which is yesterday and tomorrow.
    relative_days: &[("आज", 0)],
    last: &["पिछले", "पिछली", "बीते"],
    next: &["अगले", "अगली", "आगामी"],
    last_after: &[],
    since: &[],
    this: &["इस"],
    future: &["आगामी", "होगा", "होगी", "होंगे", "करेंगे", "करेगा", "करेगी"],
    future_at_clause_end: &[],
    counterfactual: &[],
    began: &["शुरू हुआ", "शुरू हुई", "से जारी"],
    joiners: &[],
    year_words: &[],
    month_display: ["जनवरी", "फरवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"],
    month_short_display: ["जनवरी", "फरवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"],
};

/// Every language whose dates are read.
pub const LANGUAGES: &[&Vocabulary] =
    &[&ENGLISH, &RUSSIAN, &UKRAINIAN, &SPANISH, &FRENCH, &GERMAN, &ITALIAN, &PORTUGUESE, &POLISH, &DUTCH, &CZECH, &TURKISH, &ARABIC, &HINDI];

const WEEKDAYS: [Weekday; 7] = [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday, Weekday::Saturday, Weekday::Sunday];

/// `word` in lower case, without allocating when it already is; typographic
/// apostrophes as `'` (п’ятницю).
fn lower(word: &str) -> std::borrow::Cow<'_, str> {
    if word.bytes().all(|b| b.is_ascii_lowercase()) || !word.chars().any(|c| c.is_uppercase() || c == '’') {
        word.into()
    } else {
        word.to_lowercase().replace('’', "'").into()
    }
}

/// What one word of the calendar vocabularies is, in whichever language
/// first lists it (the order of [`LANGUAGES`]).
#[derive(Debug, Default, Clone, Copy)]
struct Entry {
    month: Option<i8>,
    abbreviation: Option<i8>,
    weekday: Option<Weekday>,
    relative: Option<i8>,
    /// Which of the word lists (`LAST`, `NEXT`, ...) hold it.
    flags: u16,
}

const LAST: u16 = 1;
const NEXT: u16 = 2;
const LAST_AFTER: u16 = 4;
const THIS: u16 = 8;
const JOINER: u16 = 16;
const YEAR_WORD: u16 = 32;
/// A month or weekday name of a language that writes the day first ...
const DAY_FIRST: u16 = 64;
/// ... and of English, whose names do not say which order is meant.
const ENGLISH_NAME: u16 = 128;
const SINCE: u16 = 256;

/// Every calendar word of every language, looked up once per word: the
/// date reader asks about each word of every article, and scanning the
/// vocabularies for each was a sixth of `suggest`'s time.
static LEXICON: std::sync::LazyLock<foldhash::HashMap<Box<str>, Entry>> = std::sync::LazyLock::new(|| {
    let mut map: foldhash::HashMap<Box<str>, Entry> = foldhash::HashMap::default();
    for v in LANGUAGES {
        for (i, forms) in v.months.iter().enumerate() {
            for &w in forms.iter() {
                map.entry(w.into()).or_default().month.get_or_insert(i as i8 + 1);
            }
        }
        for (i, forms) in v.month_abbreviations.iter().enumerate() {
            for &w in forms.iter() {
                map.entry(w.into()).or_default().abbreviation.get_or_insert(i as i8 + 1);
            }
        }
        for (i, forms) in v.weekdays.iter().enumerate() {
            for &w in forms.iter() {
                map.entry(w.into()).or_default().weekday.get_or_insert(WEEKDAYS[i]);
                for part in v.day_parts {
                    map.entry(format!("{w}{part}").into()).or_default().weekday.get_or_insert(WEEKDAYS[i]);
                }
            }
        }
        for &(w, d) in v.relative_days {
            map.entry(w.into()).or_default().relative.get_or_insert(d);
        }
        for (list, flag) in
            [(v.last, LAST), (v.next, NEXT), (v.last_after, LAST_AFTER), (v.since, SINCE), (v.this, THIS), (v.joiners, JOINER), (v.year_words, YEAR_WORD)]
        {
            for &w in list {
                map.entry(w.into()).or_default().flags |= flag;
            }
        }
        let (order, abbreviations): (u16, &[&[&str]]) = if v.language == "en" { (ENGLISH_NAME, &v.month_abbreviations) } else { (DAY_FIRST, &[]) };
        for &w in v.months.iter().chain(abbreviations).chain(&v.weekdays).flat_map(|forms| forms.iter()) {
            map.entry(w.into()).or_default().flags |= order;
        }
    }
    map
});

/// No calendar word is longer (in bytes) than this ("बृहस्पतिवार", Thursday):
/// most words are answered without lower-casing or hashing them.
const LONGEST: usize = 33;

fn entry(word: &str) -> Option<Entry> {
    if word.is_empty() {
        return None;
    }
    if word.len() <= LONGEST {
        if let Some(e) = LEXICON.get(lower(word).as_ref()) {
            return Some(*e);
        }
    }
    // A suffix written after an apostrophe: Turkish "Aralık'ta" (in
    // December), English "Sunday's". Not a letter before one, as in
    // Ukrainian "п'ятницю", which is listed whole.
    let (stem, _) = word.split_once(['\'', '’'])?;
    (stem.chars().nth(2).is_some() && stem.len() <= LONGEST).then(|| LEXICON.get(lower(stem).as_ref()).copied()).flatten()
}

/// The month (1 to 12) a whole month name names, in any case and language.
pub fn month(word: &str) -> Option<i8> {
    entry(word)?.month
}

/// The month two words name together ("تشرين الأول"), in any language.
pub fn two_word_month(first: &str, second: &str) -> Option<i8> {
    let (first, second) = (lower(first), lower(second));
    LANGUAGES.iter().flat_map(|v| v.two_word_months).find(|(a, b, _)| *a == first && *b == second).map(|&(_, _, m)| m)
}

/// The month a month abbreviation names (`dec`, given without its dot).
pub fn month_abbreviation(word: &str) -> Option<i8> {
    entry(word)?.abbreviation
}

/// The weekday a weekday name names, in any case and language.
pub fn weekday(word: &str) -> Option<Weekday> {
    entry(word)?.weekday
}

/// Whether a word is any word of the calendar vocabularies: the date
/// reader passes over the others at once.
pub fn is_known(word: &str) -> bool {
    entry(word).is_some()
}

/// Whether a word names a month (in full) or a weekday: a calendar word,
/// not a name.
pub fn is_calendar_word(word: &str) -> bool {
    entry(word).is_some_and(|e| e.month.is_some() || e.weekday.is_some())
}

/// Days from the day of writing that a word names ("yesterday": -1).
pub fn relative_day(word: &str) -> Option<i8> {
    entry(word)?.relative
}

fn has_flag(word: &str, flag: u16) -> bool {
    entry(word).is_some_and(|e| e.flags & flag != 0)
}

/// "last" before a weekday.
pub fn is_last(word: &str) -> bool {
    has_flag(word, LAST)
}

/// "next" before a weekday.
pub fn is_next(word: &str) -> bool {
    has_flag(word, NEXT)
}

/// "pasado" after a weekday.
pub fn is_last_after(word: &str) -> bool {
    has_flag(word, LAST_AFTER)
}

/// "since" right before a day: [`Vocabulary::since`].
pub fn is_since(word: &str) -> bool {
    has_flag(word, SINCE)
}

/// "this" before a day.
pub fn is_this(word: &str) -> bool {
    has_flag(word, THIS)
}

/// "de" between a day, a month and a year.
pub fn is_joiner(word: &str) -> bool {
    has_flag(word, JOINER)
}

/// "года" after a year.
pub fn is_year_word(word: &str) -> bool {
    has_flag(word, YEAR_WORD)
}

/// Whether `word` names a month or a weekday only in languages that write
/// the day before the month (every one here but English).
pub fn writes_day_first(word: &str) -> bool {
    entry(word).is_some_and(|e| e.flags & (DAY_FIRST | ENGLISH_NAME) == DAY_FIRST)
}

/// Whether the words before a date (lower case, single spaces, a space at
/// each end) say it is still ahead: a future marker of any language, and
/// no counterfactual.
pub fn says_ahead(before: &str) -> bool {
    !LANGUAGES.iter().any(|v| has_phrase(before, v.counterfactual))
        && (LANGUAGES.iter().any(|v| has_phrase(before, v.future)) || before.split(' ').any(is_future_tense))
}

/// Whether a word is a verb in the future tense by its ending alone: the
/// accented endings of Spanish ("deberán", "enfrentará"), Portuguese
/// ("disputarão", "terá") and Italian ("sfiderà"), which no other word
/// has. Lists of future verbs ("será", "se celebrará") cannot name every
/// verb a report puts its next round in.
fn is_future_tense(word: &str) -> bool {
    word.chars().count() > 3 && ["rá", "rán", "rão", "rà"].iter().any(|end| word.ends_with(end))
}

/// Whether the last word of the clause a date stands in puts it in the
/// future, in a language that puts its verbs last ([`Vocabulary::future_at_clause_end`]).
pub fn ends_ahead(last_word: &str) -> bool {
    LANGUAGES.iter().any(|v| v.future_at_clause_end.contains(&last_word))
}

/// Whether the words before a date (as for [`says_ahead`]) make it the day
/// something still going on began.
pub fn says_began(before: &str) -> bool {
    LANGUAGES.iter().any(|v| has_phrase(before, v.began))
}

/// Whether one of `phrases` stands in `words` as whole words: " {m} ",
/// without writing it out for every phrase of every language.
fn has_phrase(words: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|m| words.match_indices(m).any(|(i, _)| words[..i].ends_with(' ') && words[i + m.len()..].starts_with(' ')))
}

/// Every month name and abbreviation of every language, longest first, as
/// a regular-expression alternation (for patterns that find dates in text).
pub fn month_pattern() -> String {
    let mut all: Vec<&str> = LANGUAGES.iter().flat_map(|v| v.months.iter().chain(&v.month_abbreviations).flat_map(|forms| forms.iter().copied())).collect();
    all.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    all.dedup();
    all.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")
}

/// "28 December 2025", as pages write a date.
pub fn long_date(d: jiff::civil::Date) -> String {
    format!("{} {} {}", d.day(), ENGLISH.month_display[d.month() as usize - 1], d.year())
}

/// "28 Dec 2025", where space is short (search results, charts).
pub fn short_date(d: jiff::civil::Date) -> String {
    format!("{} {} {}", d.day(), short_month(d.month()), d.year())
}

/// "December 2025", a month's heading.
pub fn month_and_year(d: jiff::civil::Date) -> String {
    format!("{} {}", ENGLISH.month_display[d.month() as usize - 1], d.year())
}

/// "Dec", month `m` (1 to 12) in short.
pub fn short_month(m: i8) -> &'static str {
    ENGLISH.month_short_display[m as usize - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_in_any_case_and_language() {
        assert_eq!(month("December"), Some(12));
        assert_eq!(month("SEPT"), Some(9));
        assert_eq!(month("mar"), None);
        assert_eq!(month_abbreviation("Mar"), Some(3));
        assert_eq!(weekday("Sunday"), Some(Weekday::Sunday));
        assert_eq!(weekday("Sundays"), None);
        assert_eq!(month("декабря"), Some(12));
        assert_eq!(month("Грудня"), Some(12));
        assert_eq!(month("diciembre"), Some(12));
        assert_eq!(month("décembre"), Some(12));
        assert_eq!(month("Dezember"), Some(12));
        assert_eq!(weekday("jeudi"), Some(Weekday::Thursday));
        assert_eq!(weekday("Donnerstag"), Some(Weekday::Thursday));
        // German writes a weekday and a part of its day as one word.
        assert_eq!(weekday("Mittwochabend"), Some(Weekday::Wednesday));
        assert_eq!(weekday("Donnerstagmorgen"), Some(Weekday::Thursday));
        assert_eq!(weekday("Sonnabendnachmittag"), Some(Weekday::Saturday));
        assert_eq!(weekday("Mittwochsabend"), None);
        // A word that is a day in one language and something else in another is left out.
        assert_eq!(relative_day("hier"), None);
        assert_eq!(month_abbreviation("дек"), Some(12));
        assert_eq!(month_abbreviation("dic"), Some(12));
        assert_eq!(weekday("воскресенье"), Some(Weekday::Sunday));
        assert_eq!(weekday("п’ятницю"), Some(Weekday::Friday));
        assert_eq!(weekday("Miércoles"), Some(Weekday::Wednesday));
        // "среда" is also "environment": only the form after "в" is read.
        assert_eq!(weekday("среда"), None);
        assert_eq!(relative_day("Вчера"), Some(-1));
        assert_eq!(relative_day("ayer"), Some(-1));
        assert_eq!(weekday("Lunedì"), Some(Weekday::Monday));
        assert_eq!(weekday("venerdi"), Some(Weekday::Friday));
        assert_eq!(relative_day("ieri"), Some(-1));
        assert_eq!(month_abbreviation("ott"), Some(10));
        // "Gen." is a general's rank in English, not January.
        assert_eq!(month_abbreviation("gen"), None);
        assert_eq!(month("Março"), Some(3));
        assert_eq!(weekday("sexta-feira"), Some(Weekday::Friday));
        // Names and ordinals: Marco Rubio, "segunda vuelta" (runoff), "3 out of 10".
        assert_eq!(month("Marco"), None);
        assert_eq!(weekday("segunda"), None);
        assert_eq!(month_abbreviation("out"), None);
        assert_eq!(month("lutego"), Some(2));
        assert_eq!(month("Października"), Some(10));
        assert_eq!(weekday("środę"), Some(Weekday::Wednesday));
        assert_eq!(month("Aralık'ta"), Some(12));
        assert_eq!(weekday("Sunday's"), Some(Weekday::Sunday));
        assert_eq!(weekday("Salı"), Some(Weekday::Tuesday));
        assert_eq!(weekday("pazar"), None);
    }

    #[test]
    fn no_calendar_word_is_longer_than_the_lookup_reads() {
        assert!(LEXICON.keys().all(|w| w.len() <= LONGEST), "{:?}", LEXICON.keys().max_by_key(|w| w.len()));
    }

    #[test]
    fn tense_markers_of_every_language() {
        assert!(says_ahead(" they will meet on "));
        assert!(says_ahead(" встреча состоится в "));
        assert!(says_ahead(" el debate se realizará el "));
        assert!(says_ahead(" i funerali saranno celebrati "));
        assert!(says_ahead(" las exequias se celebrarán el "));
        // Any verb in the future tense, by its ending.
        assert!(says_ahead(" los dos deberán medirse en una segunda vuelta el "));
        assert!(says_ahead(" os dois disputarão o segundo turno em "));
        assert!(says_ahead(" il candidato sfiderà il sindaco al ballottaggio del "));
        assert!(!says_ahead(" los dos se midieron en la primera vuelta el "));
        assert!(says_ahead(" poland is heading for a runoff presidential election on "));
        assert!(says_ahead(" the election heads to a second round on "));
        assert!(!says_ahead(" none of the candidates secured a majority in the first round held on "));
        assert!(!says_ahead(" the delegation headed for geneva on "));
        assert!(!says_ahead(" el presidente está en la capital desde el "));
        assert!(!says_ahead(" la cerimonia avrebbe dovuto svolgersi "));
        assert!(!says_ahead(" if he had joined, it would have been "));
        assert!(!says_ahead(" they met on "));
    }

    #[test]
    fn every_vocabulary_is_lower_case_and_complete() {
        for v in LANGUAGES {
            let lists = v.months.iter().chain(&v.month_abbreviations).chain(&v.weekdays).flat_map(|f| f.iter());
            let words = [v.last, v.next, v.last_after, v.this, v.future, v.counterfactual, v.joiners, v.year_words];
            for form in lists.chain(words.iter().flat_map(|w| w.iter())).chain(v.relative_days.iter().map(|(w, _)| w)) {
                assert_eq!(form.to_lowercase(), *form, "{}: {form}", v.language);
                assert!(!form.contains('’'), "{}: {form} (write apostrophes as ')", v.language);
            }
            assert!(v.months.iter().all(|forms| !forms.is_empty()), "{}", v.language);
            // Turkish leaves Sunday out on purpose (see [`TURKISH`]).
            let left_out = if v.language == "tr" { 1 } else { 0 };
            assert_eq!(v.weekdays.iter().filter(|forms| forms.is_empty()).count(), left_out, "{}", v.language);
        }
    }

    #[test]
    fn dates_are_written_as_pages_show_them() {
        let d = jiff::civil::date(2025, 12, 28);
        assert_eq!(long_date(d), "28 December 2025");
        assert_eq!(short_date(d), "28 Dec 2025");
        assert_eq!(month_and_year(d), "December 2025");
        let pattern = regex::Regex::new(&format!("^(?:{})$", month_pattern())).unwrap();
        assert!(pattern.is_match("september") && pattern.is_match("sept") && !pattern.is_match("dece"));
    }
}
