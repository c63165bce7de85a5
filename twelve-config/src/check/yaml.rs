//! A manifest's YAML read into a small tree, within fixed bounds.
//!
//! The parser is yaml-rust2's event parser. Of the maintained YAML crates
//! (serde_yaml is archived): yaml-rust2 is a pure-Rust YAML 1.2 parser
//! that passes the YAML test suite, with two dependencies and a
//! public event API, and the test suite already builds it; saphyr is its
//! successor by the same authors, still at 0.0.x; serde-saphyr bounds
//! aliases itself, but reads through serde into types, where a manifest
//! check wants a tree of any shape; serde_yml is a fork of the archived
//! crate. yaml-rust2's own loader copies every alias in full, so a few
//! hundred bytes of anchors (an "alias bomb") would take gigabytes: the
//! tree is built here from the events, counting every node an alias copies
//! against one budget, with a bound on the text's size and on its nesting.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// The largest manifest read, in bytes.
const MAX_BYTES: usize = 4 << 20;
/// The most nodes a manifest may hold, each alias's copy counted in full.
const MAX_NODES: usize = 200_000;
/// The deepest nesting of collections.
const MAX_DEPTH: usize = 64;

/// A YAML node.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// A scalar: its text, and whether it was written plain (unquoted), so
    /// that YAML may read it as a number, a boolean or null.
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

/// Why a manifest cannot be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YamlError {
    /// `line 3 column 5`, or `the manifest` when no place is known.
    pub(crate) place: String,
    pub(crate) reason: String,
}

impl Node {
    /// The value of `key` in a mapping, following YAML merge keys (`<<`),
    /// as Kubernetes reads them; `None` for another node.
    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        self.get_within(key, 0)
    }

    fn get_within(&self, key: &str, depth: usize) -> Option<&Node> {
        let Node::Map(entries) = self else { return None };
        if let Some((_, value)) = entries.iter().find(|(k, _)| k.as_str() == Some(key)) {
            return Some(value);
        }
        // Merged mappings are searched after the mapping's own keys; the
        // depth bound keeps a merge of a merge from going on forever.
        if depth >= MAX_DEPTH {
            return None;
        }
        let merged = entries.iter().find(|(k, _)| k.as_str() == Some("<<"))?;
        match &merged.1 {
            Node::Seq(items) => items.iter().find_map(|item| item.get_within(key, depth + 1)),
            node => node.get_within(key, depth + 1),
        }
    }

    /// A scalar's text (a plain `null` or `~` included).
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Node::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The text of a scalar that is not null.
    pub(crate) fn text(&self) -> Option<&str> {
        if self.is_null() { None } else { self.as_str() }
    }

    /// Whether YAML reads the node as null: a plain `null`, `~` or nothing.
    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Node::Scalar { text, plain: true } if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// The items of a sequence; none for another node.
    pub(crate) fn items(&self) -> &[Node] {
        match self {
            Node::Seq(items) => items,
            _ => &[],
        }
    }

    /// The entries of a mapping; none for another node.
    pub(crate) fn entries(&self) -> &[(Node, Node)] {
        match self {
            Node::Map(entries) => entries,
            _ => &[],
        }
    }

    /// What a plain scalar is to a YAML 1.1 reader (Kubernetes reads YAML
    /// so) when it is not text: `a number` or `a boolean`.
    pub(crate) fn non_text_kind(&self) -> Option<&'static str> {
        let Node::Scalar { text, plain: true } = self else { return None };
        const BOOLEANS: [&str; 22] = [
            "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False",
            "FALSE", "on", "On", "ON", "off", "Off", "OFF",
        ];
        if BOOLEANS.contains(&text.as_str()) {
            return Some("a boolean");
        }
        is_number(text).then_some("a number")
    }

    /// How many nodes this node holds, itself included.
    fn size(&self) -> usize {
        match self {
            Node::Scalar { .. } => 1,
            Node::Seq(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            Node::Map(entries) => 1 + entries.iter().map(|(k, v)| k.size() + v.size()).sum::<usize>(),
        }
    }
}

/// Whether a plain scalar is a YAML 1.1 number: decimal (`-1_000`, `1.5e3`,
/// `.5`), hexadecimal, octal or binary, or `.inf` and `.nan`.
fn is_number(text: &str) -> bool {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let radix =
        |digits: &str, valid: fn(char) -> bool| !digits.is_empty() && digits.chars().all(|c| c == '_' || valid(c));
    if let Some(hex) = unsigned.strip_prefix("0x") {
        return radix(hex, |c| c.is_ascii_hexdigit());
    }
    if let Some(octal) = unsigned.strip_prefix("0o") {
        return radix(octal, |c| ('0'..='7').contains(&c));
    }
    if let Some(binary) = unsigned.strip_prefix("0b") {
        return radix(binary, |c| c == '0' || c == '1');
    }
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |part: &str| part.chars().all(|c| c.is_ascii_digit() || c == '_');
    let mantissa_ok = digits(whole) && digits(fraction) && mantissa.chars().any(|c| c.is_ascii_digit());
    let exponent_ok = exponent.is_none_or(|exponent| {
        let exponent = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
        !exponent.is_empty() && exponent.chars().all(|c| c.is_ascii_digit())
    });
    mantissa_ok && exponent_ok
}

/// A collection being read: its items so far, its anchor, and for a
/// mapping the key waiting for its value.
enum Open {
    Seq { items: Vec<Node>, anchor: usize },
    Map { entries: Vec<(Node, Node)>, key: Option<Node>, anchor: usize },
}

/// Reads every document of `text`.
pub(crate) fn documents(text: &str) -> Result<Vec<Node>, YamlError> {
    if text.len() > MAX_BYTES {
        return Err(YamlError {
            place: "the manifest".to_owned(),
            reason: format!("larger than {} MiB: a manifest this large is not read", MAX_BYTES >> 20),
        });
    }
    let mut parser = Parser::new_from_str(text);
    let mut documents = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut nodes = 0usize;
    loop {
        let (event, mark) = parser
            .next_token()
            .map_err(|error| YamlError { place: place(error.marker()), reason: parser_reason(error.info()) })?;
        let node = match event {
            Event::StreamEnd => break,
            Event::Nothing | Event::StreamStart | Event::DocumentStart | Event::DocumentEnd => continue,
            Event::Alias(id) => {
                let node = anchors.get(&id).cloned().ok_or_else(|| error_at(&mark, "an alias to no anchor"))?;
                nodes += node.size();
                node
            }
            Event::Scalar(text, style, anchor, tag) => {
                check_tag(tag.as_ref(), &mark)?;
                let quoted = tag.is_some_and(|tag| tag.suffix == "str");
                let node = Node::Scalar { text, plain: style == TScalarStyle::Plain && !quoted };
                nodes += 1;
                if anchor > 0 {
                    anchors.insert(anchor, node.clone());
                }
                node
            }
            Event::SequenceStart(anchor, tag) => {
                begin(&open, &mut nodes, tag.as_ref(), &mark)?;
                open.push(Open::Seq { items: Vec::new(), anchor });
                continue;
            }
            Event::MappingStart(anchor, tag) => {
                begin(&open, &mut nodes, tag.as_ref(), &mark)?;
                open.push(Open::Map { entries: Vec::new(), key: None, anchor });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match open.pop() {
                    Some(Open::Seq { items, anchor }) => (Node::Seq(items), anchor),
                    Some(Open::Map { entries, anchor, .. }) => (Node::Map(entries), anchor),
                    None => return Err(error_at(&mark, "a collection ends that never began")),
                };
                if anchor > 0 {
                    anchors.insert(anchor, node.clone());
                }
                node
            }
        };
        if nodes > MAX_NODES {
            return Err(error_at(
                &mark,
                &format!("more than {MAX_NODES} nodes, counting what each alias repeats (an alias bomb?)"),
            ));
        }
        match open.last_mut() {
            None => documents.push(node),
            Some(Open::Seq { items, .. }) => items.push(node),
            Some(Open::Map { entries, key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
    }
    Ok(documents)
}

/// Checks what a collection starting at `mark` may be: its tag and depth.
fn begin(open: &[Open], nodes: &mut usize, tag: Option<&Tag>, mark: &Marker) -> Result<(), YamlError> {
    check_tag(tag, mark)?;
    if open.len() >= MAX_DEPTH {
        return Err(error_at(mark, &format!("nested deeper than {MAX_DEPTH} levels")));
    }
    *nodes += 1;
    Ok(())
}

/// A manifest holds only YAML's core types: any other tag (`!!binary`,
/// `!include`, `!!python/object`) is refused rather than read as something
/// it is not.
fn check_tag(tag: Option<&Tag>, mark: &Marker) -> Result<(), YamlError> {
    const CORE: [&str; 7] = ["str", "int", "float", "bool", "null", "map", "seq"];
    match tag {
        Some(tag) if !(tag.handle == "tag:yaml.org,2002:" && CORE.contains(&tag.suffix.as_str())) => Err(error_at(
            mark,
            "a YAML tag other than the core types (!!str, !!int, ...): Kubernetes and Compose read none; remove it",
        )),
        _ => Ok(()),
    }
}

fn place(mark: &Marker) -> String {
    format!("line {} column {}", mark.line(), mark.col() + 1)
}

fn error_at(mark: &Marker, reason: &str) -> YamlError {
    YamlError { place: place(mark), reason: reason.to_owned() }
}

/// The parser's message, without the character it may quote (part of a
/// value, which may be a secret).
fn parser_reason(info: &str) -> String {
    let info = match info.find(": `") {
        Some(quote) => &info[..quote],
        None => info,
    };
    format!("not valid YAML: {info}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(text: &str) -> Node {
        Node::Scalar { text: text.to_owned(), plain: true }
    }

    #[test]
    fn documents_mappings_sequences_and_merges() {
        let docs = documents("a: 1\nb: [x, 'y']\n---\nbase: &b {k: v}\nuse:\n  <<: *b\n  own: o\n").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].get("a"), Some(&scalar("1")));
        assert_eq!(docs[0].get("b").unwrap().items()[1], Node::Scalar { text: "y".to_owned(), plain: false });
        let used = docs[1].get("use").unwrap();
        assert_eq!(used.get("k").and_then(Node::text), Some("v"));
        assert_eq!(used.get("own").and_then(Node::text), Some("o"));
        assert_eq!(used.get("missing"), None);
    }

    #[test]
    fn kinds_of_plain_scalars() {
        for (text, kind) in [("8080", Some("a number")), ("-1.5e3", Some("a number")), ("0x1F", Some("a number"))] {
            assert_eq!(scalar(text).non_text_kind(), kind, "{text}");
        }
        for text in ["yes", "off", "True"] {
            assert_eq!(scalar(text).non_text_kind(), Some("a boolean"), "{text}");
        }
        for text in ["info", "8080x", "v1", "1.2.3.4:80", "-", ".", "1.2.3", "0xg", "e5", "1e"] {
            assert_eq!(scalar(text).non_text_kind(), None, "{text}");
        }
        assert_eq!(Node::Scalar { text: "8080".to_owned(), plain: false }.non_text_kind(), None);
        assert!(scalar("~").is_null() && scalar("").is_null() && !scalar("0").is_null());
    }

    #[test]
    fn an_alias_bomb_is_refused_quickly() {
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..12 {
            let previous = level - 1;
            bomb.push_str(&format!(
                "a{level}: &a{level} [*a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}]\n"
            ));
        }
        let error = documents(&bomb).unwrap_err();
        assert!(error.reason.contains("alias bomb"), "{error:?}");
    }

    #[test]
    fn deep_nesting_tags_and_size_are_refused() {
        let deep = "[".repeat(100) + &"]".repeat(100);
        let error = documents(&deep).unwrap_err();
        assert!(error.reason.contains("nested deeper than 64") || error.reason.contains("not valid YAML"), "{error:?}");
        let mut block = String::new();
        for depth in 0..100 {
            block.push_str(&" ".repeat(depth));
            block.push_str("k:\n");
        }
        assert!(documents(&block).unwrap_err().reason.contains("nested deeper than 64"));
        let tagged = documents("value: !!binary aGVsbG8=\n").unwrap_err();
        assert!(tagged.place.starts_with("line 1 column "), "{tagged:?}");
        assert!(tagged.reason.contains("YAML tag"), "{tagged:?}");
        assert!(documents("value: !!str 8080\n").is_ok());
        let huge = "a: b\n".repeat(1 << 20);
        assert!(documents(&huge).unwrap_err().reason.contains("larger than 4 MiB"));
    }

    #[test]
    fn a_parse_error_names_its_place_not_the_text() {
        let error = documents("a: 'secret-value\n").unwrap_err();
        assert!(error.place.starts_with("line "), "{error:?}");
        assert!(!error.reason.contains("secret-value"), "{error:?}");
        let error = documents("a: b\n\tc: `x\n").unwrap_err();
        assert!(!error.reason.contains('`'), "{error:?}");
    }
}
