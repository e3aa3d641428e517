//! Front matter as Jekyll, Hugo and Zola write it: YAML between `---` lines, TOML between
//! `+++` lines, or (Hugo) a JSON object opening the file. Read into plain values with the
//! offset of each key, so a warning about a key points at its line.
//!
//! YAML and TOML go through [`crate::table`], the reader broadsheet's own front matter uses;
//! only the fences are the other generators'. What the keys mean is each generator's module.

use serde_json::Value;

use crate::table::{self, Format};

/// A file's front matter, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Front {
    /// Top-level keys in the order written, each with its value and the offset (into the
    /// whole file) where the value is written (the key's, when it cannot be found).
    pub entries: Vec<(String, Value, usize)>,
    /// Where the body starts in the file.
    pub body_offset: usize,
}

/// Front matter that does not read, at an offset into the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontError {
    pub offset: usize,
    pub message: String,
}

/// Which fences a generator reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fences {
    /// `---` only, closed by `---` or `...` (Jekyll).
    Yaml,
    /// `---` (YAML), `+++` (TOML) and a JSON object (Hugo).
    YamlTomlJson,
    /// `+++` (TOML) and `---` (YAML) (Zola).
    TomlYaml,
}

impl Front {
    /// The value of `key`, matched exactly.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, v, _)| v)
    }

    /// Where the value of `key` is written, matched exactly.
    pub fn offset_of(&self, key: &str) -> Option<usize> {
        self.entries
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|&(_, _, offset)| offset)
    }

    /// The same front matter with every top-level key in lowercase, as Hugo reads keys
    /// (`publishDate` and `publishdate` are one key there).
    pub fn lowercased(mut self) -> Front {
        for (key, _, _) in &mut self.entries {
            *key = key.to_lowercase();
        }
        self
    }
}

/// Splits off and reads the front matter of `text`; `Ok(None)` when the file has none
/// (which Jekyll, Hugo and Zola all take to mean it is not a page).
pub fn read(text: &str, fences: Fences) -> Result<Option<Front>, FrontError> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let first = text[..first_end].trim_end();
    let format = match (first, fences) {
        ("---", _) => Format::Yaml,
        ("+++", Fences::YamlTomlJson | Fences::TomlYaml) => Format::Toml,
        _ if fences == Fences::YamlTomlJson && text.starts_with('{') => {
            return json(text).map(Some);
        }
        _ => return Ok(None),
    };
    let fence = first;
    let mut offset = first_end;
    for line in text[first_end..].split_inclusive('\n') {
        let bare = line.trim_end();
        let closes = bare == fence || (format == Format::Yaml && bare == "...");
        if closes {
            let block = &text[first_end..offset];
            let entries = table::parse(block, format).map_err(|e| FrontError {
                offset: first_end + e.offset,
                message: e.message,
            })?;
            return Ok(Some(Front {
                entries: entries
                    .into_iter()
                    .map(|e| (e.key, e.value, first_end + e.value_offset))
                    .collect(),
                body_offset: offset + line.len(),
            }));
        }
        offset += line.len();
    }
    Err(FrontError {
        offset: 0,
        message: format!("front matter opened with `{fence}` is never closed"),
    })
}

/// Hugo's JSON front matter: one object at the start of the file, the body after it.
fn json(text: &str) -> Result<Front, FrontError> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    let value = match stream.next() {
        Some(Ok(value)) => value,
        Some(Err(e)) => {
            return Err(FrontError {
                offset: offset_at(text, e.line(), e.column()),
                message: format!("invalid JSON: {}", strip_position(&e.to_string())),
            });
        }
        None => unreachable!("the text starts with `{{`"),
    };
    let end = stream.byte_offset();
    let Value::Object(map) = value else {
        unreachable!("a value starting with `{{` is an object")
    };
    let mut entries: Vec<(String, Value, usize)> = map
        .into_iter()
        .map(|(key, value)| {
            let quoted = format!("\"{key}\"");
            let offset = text[..end].find(&quoted).map_or(0, |at| {
                let after = at + quoted.len();
                let colon = text[after..end].find(':').map_or(after, |c| after + c + 1);
                colon + (text[colon..end].len() - text[colon..end].trim_start().len())
            });
            (key, value, offset)
        })
        .collect();
    entries.sort_by_key(|&(_, _, offset)| offset);
    let rest = &text[end..];
    let body_offset = end + rest.find('\n').map_or(rest.len(), |i| i + 1);
    Ok(Front {
        entries,
        body_offset,
    })
}

/// The byte offset of a 1-based line and column (serde_json counts columns in bytes).
fn offset_at(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

// ---- Values ---------------------------------------------------------------------------

/// A value as one line of text: strings trimmed, numbers and booleans as written (YAML reads
/// `title: 2019` as a number); `None` for anything else or an empty string.
pub fn text(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.split_whitespace().collect::<Vec<_>>().join(" "),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// A list of names: a list of strings (or numbers), or one string as a single name.
pub fn names(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().filter_map(text).collect(),
        other => text(other).into_iter().collect(),
    }
}

/// Jekyll's reading of `tags` and `categories`: a list, or a string of space-separated
/// words (`categories: policy trade` is two).
pub fn words(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => s.split_whitespace().map(str::to_string).collect(),
        other => names(other),
    }
}

/// A boolean as YAML, TOML and JSON write it; strings `"true"`/`"false"` too, as Jekyll and
/// Hugo accept them.
pub fn boolean(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" => Some(true),
            "false" | "no" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_generator_reads_its_own_fences() {
        let yaml = "---\ntitle: Ports\ntags: [a, b]\n---\nBody\n";
        let front = read(yaml, Fences::Yaml).unwrap().unwrap();
        assert_eq!(front.get("title"), Some(&json!("Ports")));
        assert_eq!(front.offset_of("tags"), Some(23));
        assert_eq!(&yaml[front.body_offset..], "Body\n");

        let toml = "+++\ntitle = \"Ports\"\ndate = 2019-03-04T10:00:00+01:00\n+++\n\nBody";
        assert!(read(toml, Fences::Yaml).unwrap().is_none());
        let front = read(toml, Fences::TomlYaml).unwrap().unwrap();
        assert_eq!(front.get("date"), Some(&json!("2019-03-04T10:00:00+01:00")));
        assert_eq!(&toml[front.body_offset..], "\nBody");

        let json_text = "{\n  \"title\": \"Ports\",\n  \"Draft\": true\n}\nBody\n";
        assert!(read(json_text, Fences::TomlYaml).unwrap().is_none());
        let front = read(json_text, Fences::YamlTomlJson)
            .unwrap()
            .unwrap()
            .lowercased();
        assert_eq!(front.get("draft"), Some(&json!(true)));
        assert_eq!(front.offset_of("title"), Some(13));
        assert_eq!(&json_text[front.body_offset..], "Body\n");
    }

    #[test]
    fn yaml_may_close_with_dots_and_be_empty() {
        let front = read("---\ntitle: A\n...\nBody", Fences::Yaml)
            .unwrap()
            .unwrap();
        assert_eq!(front.entries.len(), 1);
        let empty = read("---\n---\n", Fences::Yaml).unwrap().unwrap();
        assert!(empty.entries.is_empty());
        assert!(read("No front matter\n", Fences::Yaml).unwrap().is_none());
    }

    #[test]
    fn bad_front_matter_is_placed() {
        let err = read("---\ntitle: [unclosed\n---\n", Fences::Yaml).unwrap_err();
        assert!(err.message.starts_with("invalid YAML"), "{err:?}");
        let err = read("+++\ntitle = \"A\"\n", Fences::TomlYaml).unwrap_err();
        assert!(err.message.contains("never closed"), "{err:?}");
        let err = read("{\n \"title\": }\n", Fences::YamlTomlJson).unwrap_err();
        assert_eq!(err.offset, 12, "{err:?}");
    }

    #[test]
    fn values_read_as_each_generator_means_them() {
        assert_eq!(text(&json!(2019)), Some("2019".into()));
        assert_eq!(text(&json!("  a \n b ")), Some("a b".into()));
        assert_eq!(text(&json!("")), None);
        assert_eq!(words(&json!("policy  trade")), ["policy", "trade"]);
        assert_eq!(names(&json!("Jane Doe")), ["Jane Doe"]);
        assert_eq!(names(&json!(["A", 1, {"x": 1}])), ["A", "1"]);
        assert_eq!(boolean(&json!("false")), Some(false));
        assert_eq!(boolean(&json!(1)), None);
    }
}
