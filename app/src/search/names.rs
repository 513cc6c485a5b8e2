//! Romanized forms of Korean personal names, so `Minsu Kim` and `Kim Min-su` find 김민수
//! even when a card gives no English name.
//!
//! Given names follow the Revised Romanization syllable by syllable (sound changes between
//! the syllables of a given name are not transcribed), plus the common spelling with `u` for
//! `eo` (`Seong` / `Sung`). Family names use their customary spellings (`이` → Lee, Yi, Rhee);
//! spellings that are common English words (`an`, `in`, `go`) are left out, so English queries
//! do not hit names by accident.

/// Family names and their customary spellings; two-syllable names first.
const FAMILY: &[(&str, &[&str])] = &[
    ("남궁", &["namgoong", "namgung"]),
    ("황보", &["hwangbo"]),
    ("제갈", &["jegal"]),
    ("선우", &["sunwoo", "seonu"]),
    ("독고", &["dokgo"]),
    ("사공", &["sagong"]),
    ("김", &["kim", "gim"]),
    ("이", &["lee", "yi", "rhee"]),
    ("박", &["park", "pak", "bak"]),
    ("최", &["choi", "choe"]),
    ("정", &["jung", "jeong", "chung"]),
    ("강", &["kang", "gang"]),
    ("조", &["cho", "jo"]),
    ("윤", &["yoon", "yun"]),
    ("장", &["jang", "chang"]),
    ("임", &["lim", "im", "yim"]),
    ("한", &["han"]),
    ("오", &["oh"]),
    ("서", &["seo", "suh"]),
    ("신", &["shin", "sin"]),
    ("권", &["kwon", "gwon"]),
    ("황", &["hwang"]),
    ("안", &["ahn"]),
    ("송", &["song"]),
    ("전", &["jeon", "jun", "chun"]),
    ("홍", &["hong"]),
    ("유", &["yoo", "yu", "ryu"]),
    ("류", &["ryu", "yoo", "yu"]),
    ("고", &["ko", "koh"]),
    ("문", &["moon", "mun"]),
    ("양", &["yang"]),
    ("손", &["son", "sohn"]),
    ("배", &["bae"]),
    ("백", &["baek", "paik", "baik"]),
    ("허", &["heo", "huh"]),
    ("남", &["nam"]),
    ("심", &["shim", "sim"]),
    ("노", &["noh", "roh"]),
    ("하", &["ha"]),
    ("곽", &["kwak", "gwak"]),
    ("성", &["sung", "seong"]),
    ("차", &["cha"]),
    ("주", &["joo", "ju"]),
    ("우", &["woo"]),
    ("구", &["koo", "gu", "ku"]),
    ("민", &["min"]),
    ("진", &["jin", "chin"]),
    ("나", &["na", "ra"]),
    ("지", &["ji", "chi"]),
    ("엄", &["eom", "um"]),
    ("채", &["chae"]),
    ("원", &["won"]),
    ("천", &["cheon", "chun"]),
    ("방", &["bang"]),
    ("공", &["kong", "gong"]),
    ("현", &["hyun", "hyeon"]),
    ("함", &["ham"]),
    ("변", &["byun", "byeon"]),
    ("염", &["yeom", "yum"]),
    ("여", &["yeo", "yuh"]),
    ("추", &["choo", "chu"]),
    ("도", &["doh"]),
    ("석", &["seok", "suk"]),
    ("선", &["sun", "seon"]),
    ("설", &["seol", "sul"]),
    ("길", &["gil", "kil"]),
    ("연", &["yeon", "yun"]),
    ("표", &["pyo"]),
    ("명", &["myung", "myeong"]),
    ("기", &["ki", "gi"]),
    ("왕", &["wang"]),
    ("금", &["keum", "geum"]),
    ("육", &["yuk", "yook"]),
    ("인", &["inn"]),
    ("맹", &["maeng"]),
    ("제", &["je"]),
    ("탁", &["tak"]),
    ("국", &["kook", "guk"]),
];

const INITIALS: [&str; 19] = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h",
];
const VOWELS: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i",
];
const FINALS: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
];

/// The Revised Romanization of one Hangul syllable, or None for other characters.
fn syllable(c: char) -> Option<String> {
    let code = (c as u32).checked_sub(0xAC00).filter(|i| *i < 11_172)? as usize;
    let (initial, vowel, last) = (code / 588, code % 588 / 28, code % 28);
    Some(format!(
        "{}{}{}",
        INITIALS[initial], VOWELS[vowel], FINALS[last]
    ))
}

/// Romanized spellings of a Korean name of two to five syllables, as name-field text
/// (`Kim Minsu`, `Min-su Kim`, …); empty for other names.
pub fn romanized(name: &str) -> Vec<String> {
    let name = name.trim();
    let chars: Vec<char> = name.chars().collect();
    if !(2..=5).contains(&chars.len()) || chars.iter().any(|c| syllable(*c).is_none()) {
        return Vec::new();
    }
    let (family, family_forms): (&str, Vec<String>) = FAMILY
        .iter()
        .find(|(f, _)| name.starts_with(f) && name.chars().count() > f.chars().count())
        .map(|(f, forms)| (*f, forms.iter().map(|s| s.to_string()).collect()))
        .unwrap_or_else(|| {
            let first = &name[..chars[0].len_utf8()];
            (first, syllable(chars[0]).into_iter().collect())
        });
    let given: Vec<String> = name[family.len()..].chars().filter_map(syllable).collect();
    let mut spellings = vec![given.clone()];
    let popular: Vec<String> = given.iter().map(|s| s.replace("eo", "u")).collect();
    if popular != given {
        spellings.push(popular);
    }
    let mut out = Vec::new();
    for parts in &spellings {
        let joined = parts.concat();
        let hyphened = parts.join("-");
        for family in &family_forms {
            out.push(format!("{family} {joined} {joined} {family}"));
            if parts.len() > 1 {
                out.push(format!("{family} {hyphened}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_follow_the_revised_romanization() {
        let rr: Vec<String> = "민수서연정훈".chars().filter_map(syllable).collect();
        assert_eq!(rr, vec!["min", "su", "seo", "yeon", "jeong", "hun"]);
    }

    #[test]
    fn a_name_gets_customary_family_spellings_and_popular_given_spellings() {
        let all = romanized("이성민").join(" ");
        for form in ["lee", "yi", "seongmin", "sungmin", "seong-min"] {
            assert!(all.split(' ').any(|w| w == form), "{form} in {all}");
        }
        assert!(romanized("남궁민").join(" ").contains("namgoong min"));
    }

    #[test]
    fn non_korean_or_odd_names_get_nothing() {
        assert!(romanized("Kim").is_empty());
        assert!(romanized("김").is_empty());
        assert!(romanized("김 민수").is_empty());
    }
}
