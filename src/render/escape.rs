//! Escaping text for HTML and XML: the one function for text broadsheet writes into markup
//! by hand (the sitemap, the preview's overlay); templates escape through Tera.

/// Escapes text for HTML or XML, in content and in quoted attributes alike.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
