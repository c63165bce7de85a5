// Names: SCREAMING_SNAKE_CASE variables, readable type names, and
// did-you-mean for attribute keys.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// `api_token` -> `API_TOKEN`; `apiToken` -> `API_TOKEN`; `r#type` -> `TYPE`.
pub fn screaming_snake(ident: &str) -> String {
    let ident = ident.strip_prefix("r#").unwrap_or(ident);
    let mut out = String::with_capacity(ident.len() + 4);
    let mut previous_lower = false;
    for c in ident.chars() {
        if c.is_uppercase() && previous_lower {
            out.push('_');
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        out.extend(c.to_uppercase());
    }
    out
}

/// Tokens as a person writes them: `Option<Vec<u8>>`, `Duration::ZERO`,
/// `Duration::from_secs(30)`, not `Option < Vec < u8 > >`.
pub fn tokens_to_text(tokens: TokenStream) -> String {
    let mut out = String::new();
    write_tokens(tokens, &mut out);
    out
}

fn write_tokens(tokens: TokenStream, out: &mut String) {
    let mut previous_word = false;
    for token in tokens {
        match token {
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Brace => ("{ ", " }"),
                    Delimiter::None => ("", ""),
                };
                out.push_str(open);
                write_tokens(group.stream(), out);
                out.push_str(close);
                previous_word = false;
            }
            TokenTree::Punct(punct) => {
                let c = punct.as_char();
                match c {
                    ',' => out.push_str(", "),
                    // `..=` is one operator.
                    '=' if out.ends_with("..") => out.push('='),
                    '+' | '=' | '*' | '/' | '|' if punct.spacing() == Spacing::Alone => {
                        out.push(' ');
                        out.push(c);
                        out.push(' ');
                    }
                    _ => out.push(c),
                }
                previous_word = false;
            }
            TokenTree::Ident(ident) => {
                if previous_word {
                    out.push(' ');
                }
                out.push_str(&ident.to_string());
                previous_word = true;
            }
            TokenTree::Literal(literal) => {
                if previous_word {
                    out.push(' ');
                }
                out.push_str(&literal.to_string());
                previous_word = true;
            }
        }
    }
}

/// The candidate closest to `input`, if it is a likely typo of it.
pub fn did_you_mean<'a>(input: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let limit = (input.len() / 3).clamp(1, 3);
    candidates
        .iter()
        .map(|candidate| (twelve_config_names::edit_distance(input, candidate), *candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screaming_snake_case() {
        assert_eq!(screaming_snake("api_token"), "API_TOKEN");
        assert_eq!(screaming_snake("apiToken"), "API_TOKEN");
        assert_eq!(screaming_snake("r#type"), "TYPE");
        assert_eq!(screaming_snake("v2_url"), "V2_URL");
    }

    #[test]
    fn token_text() {
        let ty: TokenStream = "Option < Vec < u8 > >".parse().unwrap();
        assert_eq!(tokens_to_text(ty), "Option<Vec<u8>>");
        let expr: TokenStream = "Duration :: from_secs (30)".parse().unwrap();
        assert_eq!(tokens_to_text(expr), "Duration::from_secs(30)");
        let expr: TokenStream = "HashMap < String , u8 >".parse().unwrap();
        assert_eq!(tokens_to_text(expr), "HashMap<String, u8>");
    }

    #[test]
    fn suggestions() {
        assert_eq!(did_you_mean("defualt", &["name", "default"]), Some("default"));
        assert_eq!(did_you_mean("nmae", &["name", "default"]), Some("name"));
        assert_eq!(did_you_mean("zzzzzz", &["name", "default"]), None);
    }
}
