//! A TOML or YAML table read into plain values, each top-level key with its position.
//!
//! Front matter and `site.toml` are both checked key by key, so that every bad key in a file
//! is reported at once and at its own line. Neither TOML nor YAML parsers hand back positions
//! for every key in a form that is easy to carry, so this module parses the text into plain
//! values and finds each top-level key's position by reading the lines itself.

use serde_json::Value;

/// Which syntax a table is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Yaml,
}

/// A top-level key, its value, and byte offsets into the text that was parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub value: Value,
    /// Offset of the key.
    pub key_offset: usize,
    /// Offset of the value's first character (the key's, when it cannot be found).
    pub value_offset: usize,
}

/// A parse failure at a byte offset into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub offset: usize,
    pub message: String,
}

/// Parses `text` as a table in `format`, keeping the keys in the order they were written.
///
/// A syntax error, or a document that is not a table (a YAML list, say), is a `ParseError`.
pub fn parse(text: &str, format: Format) -> Result<Vec<Entry>, ParseError> {
    let pairs = match format {
        Format::Toml => parse_toml(text)?,
        Format::Yaml => parse_yaml(text)?,
    };
    let mut entries: Vec<Entry> = pairs
        .into_iter()
        .map(|(key, value)| {
            let (key_offset, value_offset) = locate_key(text, &key, format).unwrap_or((0, 0));
            Entry {
                key,
                value,
                key_offset,
                value_offset,
            }
        })
        .collect();
    entries.sort_by_key(|e| e.key_offset);
    Ok(entries)
}

fn parse_toml(text: &str) -> Result<Vec<(String, Value)>, ParseError> {
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| ParseError {
        offset: e.span().map_or(0, |s| s.start),
        message: format!("invalid TOML: {}", e.message()),
    })?;
    Ok(table
        .into_iter()
        .map(|(k, v)| (k, toml_to_json(v)))
        .collect())
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        // A native TOML date keeps its written form; `dates` decides what it means.
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

fn parse_yaml(text: &str) -> Result<Vec<(String, Value)>, ParseError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let value: serde_yaml_ng::Value = serde_yaml_ng::from_str(text).map_err(|e| ParseError {
        offset: e.location().map_or(0, |l| l.index()),
        message: format!("invalid YAML: {}", strip_yaml_location(&e.to_string())),
    })?;
    let serde_yaml_ng::Value::Mapping(mapping) = value else {
        return Err(ParseError {
            offset: 0,
            message: "front matter must be a set of `key: value` lines".into(),
        });
    };
    let mut pairs = Vec::with_capacity(mapping.len());
    for (key, value) in mapping {
        let key = match key {
            serde_yaml_ng::Value::String(s) => s,
            other => yaml_scalar_text(&other),
        };
        pairs.push((key, yaml_to_json(value)));
    }
    Ok(pairs)
}

fn yaml_scalar_text(value: &serde_yaml_ng::Value) -> String {
    serde_yaml_ng::to_string(value)
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

fn yaml_to_json(value: serde_yaml_ng::Value) -> Value {
    use serde_yaml_ng::Value as Y;
    match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Value::Null, Value::Number)
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(yaml_to_json).collect()),
        Y::Mapping(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s,
                        other => yaml_scalar_text(&other),
                    };
                    (key, yaml_to_json(v))
                })
                .collect(),
        ),
        Y::Tagged(tagged) => yaml_to_json(tagged.value),
    }
}

/// serde_yaml appends " at line L column C" to its messages; we print our own position.
fn strip_yaml_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Finds where a top-level `key` is written: the offset of the key and of its value.
fn locate_key(text: &str, key: &str, format: Format) -> Option<(usize, usize)> {
    let mut offset = 0;
    let mut past_top_level = false;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        // Only lines at the left margin hold top-level keys; in TOML, a `[table]` header
        // ends the top level.
        if format == Format::Toml && line.starts_with('[') {
            // `[links]` opens the table that is the value of the top-level key `links`.
            let header = line
                .trim()
                .trim_start_matches('[')
                .trim_end_matches(']')
                .trim();
            if header == key {
                return Some((line_start, line_start));
            }
            past_top_level = true;
            continue;
        }
        if past_top_level {
            continue;
        }
        let Some(rest) = strip_key(line, key) else {
            continue;
        };
        let separator = match format {
            Format::Toml => '=',
            Format::Yaml => ':',
        };
        let rest_trimmed = rest.trim_start();
        if let Some(after) = rest_trimmed.strip_prefix(separator) {
            let value_in_line = line.len() - after.trim_start().len();
            let value_offset = if after.trim().is_empty() {
                line_start
            } else {
                line_start + value_in_line
            };
            return Some((line_start, value_offset));
        }
    }
    None
}

/// The rest of `line` after `key` written bare or quoted at the left margin.
fn strip_key<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    for quote in ["", "\"", "'"] {
        if let Some(rest) = line
            .strip_prefix(quote)
            .and_then(|l| l.strip_prefix(key))
            .and_then(|l| l.strip_prefix(quote))
        {
            return Some(rest);
        }
    }
    None
}

/// The JSON type name of a value, in TOML's words, for "expected a string, found …" messages.
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_keys_have_positions() {
        let text = "title = \"A\"\ndate = 2025-08-16T08:00:00-04:00\n[links]\ntitle = 1\n";
        let entries = parse(text, Format::Toml).unwrap();
        assert_eq!(entries[0].key, "title");
        assert_eq!(entries[0].value_offset, 8);
        assert_eq!(entries[1].key, "date");
        assert_eq!(
            entries[1].value,
            Value::String("2025-08-16T08:00:00-04:00".into())
        );
        assert_eq!(entries[1].key_offset, 12);
        assert_eq!(entries[2].key, "links");
    }

    #[test]
    fn yaml_keys_have_positions() {
        let text = "title: \"A\"\ntags:\n  - x\n  - y\ndraft: true\n";
        let entries = parse(text, Format::Yaml).unwrap();
        let keys: Vec<_> = entries
            .iter()
            .map(|e| (e.key.as_str(), e.key_offset))
            .collect();
        assert_eq!(keys, [("title", 0), ("tags", 11), ("draft", 29)]);
        assert_eq!(entries[1].value, serde_json::json!(["x", "y"]));
    }

    #[test]
    fn syntax_errors_carry_offsets() {
        let err = parse("title = \"A\"\ndate = \n", Format::Toml).unwrap_err();
        assert!(err.offset >= 12, "{err:?}");
        let err = parse("title: [unclosed\n", Format::Yaml).unwrap_err();
        assert!(err.message.starts_with("invalid YAML"), "{err:?}");
        let err = parse("- a\n- b\n", Format::Yaml).unwrap_err();
        assert!(err.message.contains("key: value"));
    }
}
