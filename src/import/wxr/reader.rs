//! A streaming reader of WordPress exports (WXR 1.0, 1.1 and 1.2).
//!
//! The export is read event by event with quick-xml and handed on one record at a time (the
//! channel's own fields, each `wp:author`, each `<item>`), so memory holds one item, never the
//! file: a 200 MB export reads in bounded memory. Elements are matched by namespace, not by
//! prefix, so any WXR version's `wp:` namespace is understood.
//!
//! Hostile input is refused rather than expanded: a DOCTYPE (the only place entities can be
//! declared, and where external ones are fetched from) is an error, and so is any entity
//! reference beyond XML's five and numeric character references. A malformed or truncated
//! export is an error at the byte where it goes wrong; turning that offset into a line and
//! column is the caller's, since only it can read the file again.

use std::io::BufRead;

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

/// The channel's own fields: the old site.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Channel {
    /// `<link>`: the old site's address, against which relative links are resolved.
    pub link: String,
    /// `wp:base_blog_url`, when the export has it.
    pub base_blog_url: String,
    /// `wp:wxr_version`: `1.1`, `1.2`…
    pub version: String,
}

/// A WordPress user, from `wp:author`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct User {
    pub login: String,
    pub display_name: String,
    pub first_name: String,
    pub last_name: String,
}

/// A term an item is filed under: `<category domain="…" nicename="…">Name</category>`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Term {
    /// `category`, `post_tag`, `author` (Co-Authors Plus)…
    pub domain: String,
    pub nicename: String,
    pub name: String,
}

/// One `<item>`: a post, page, attachment, menu item, guest author or anything else.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Item {
    /// Byte offset of the `<item>` tag, for reporting.
    pub offset: u64,
    /// `None` when the item has no `<title>` element at all.
    pub title: Option<String>,
    pub link: String,
    pub creator: String,
    pub content: String,
    pub excerpt: String,
    pub post_id: String,
    pub post_date: String,
    pub post_date_gmt: String,
    pub post_name: String,
    pub status: String,
    pub post_type: String,
    /// In the order the export lists them: Co-Authors Plus keeps the byline order there.
    pub terms: Vec<Term>,
    /// `wp:postmeta` key and value pairs, in order.
    pub meta: Vec<(String, String)>,
}

impl Item {
    /// The first value of a post meta key.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// What the reader hands on, in document order. The channel comes before the first user or
/// item (and at the end if there are none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Record {
    Channel(Channel),
    User(User),
    Item(Box<Item>),
}

/// Why an export cannot be read, at a byte offset of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlError {
    pub offset: u64,
    pub message: String,
}

/// Namespaces an export uses; the version of `wp:` and `excerpt:` does not matter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ns {
    None,
    Wp,
    Excerpt,
    Content,
    Dc,
    Other,
}

fn namespace(resolved: &ResolveResult) -> Ns {
    let ResolveResult::Bound(ns) = resolved else {
        return Ns::None;
    };
    let uri: &str = ns.as_ref();
    // `http://wordpress.org/export/1.2/`, `…/1.1/excerpt/`: any 1.x version.
    let wordpress = |rest: &str| {
        uri.strip_prefix("http://wordpress.org/export/1.")
            .and_then(|v| v.strip_suffix(rest))
            .is_some_and(|minor| !minor.is_empty() && minor.chars().all(|c| c.is_ascii_digit()))
    };
    if wordpress("/") {
        Ns::Wp
    } else if wordpress("/excerpt/") {
        Ns::Excerpt
    } else if uri == "http://purl.org/rss/1.0/modules/content/" {
        Ns::Content
    } else if uri == "http://purl.org/dc/elements/1.1/" {
        Ns::Dc
    } else {
        Ns::Other
    }
}

/// Which field of the current record the text being read belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    ChannelLink,
    BaseBlogUrl,
    Version,
    UserLogin,
    UserDisplayName,
    UserFirstName,
    UserLastName,
    Title,
    Link,
    Creator,
    Content,
    Excerpt,
    PostId,
    PostDate,
    PostDateGmt,
    PostName,
    Status,
    PostType,
    Term,
    MetaKey,
    MetaValue,
}

/// Where in the export the reader is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Outside,
    Rss,
    Channel,
    User,
    Item,
    Meta,
}

/// Reads an export, handing each record to `each` as soon as it is complete.
///
/// Fails at the first problem: not XML, a DOCTYPE, an entity beyond XML's five, an element
/// left open at the end of the file, or no `<rss>` with a `<channel>` at all.
pub fn read<R: BufRead>(input: R, mut each: impl FnMut(Record)) -> Result<(), XmlError> {
    let mut reader = NsReader::from_reader(input);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.expand_empty_elements = true;
    let mut buf = Vec::new();
    // The names of the open elements, for a truncated file's message.
    let mut open: Vec<String> = Vec::new();
    let mut place = Place::Outside;
    let mut field: Option<Field> = None;
    let mut text = String::new();
    let mut channel = Channel::default();
    let mut channel_sent = false;
    let mut user = User::default();
    let mut item = Item::default();
    let mut meta_key = String::new();
    let mut saw_channel = false;
    let mut saw_wordpress = false;

    let error = |offset: u64, message: String| XmlError { offset, message };
    loop {
        let start_of_event = reader.buffer_position();
        let (resolved, event) = match reader.read_resolved_event_into(&mut buf) {
            Ok((resolved, event)) => (namespace(&resolved), event),
            Err(e) => return Err(error(reader.error_position(), xml_message(&e))),
        };
        match event {
            Event::DocType(doctype) => {
                let declares = doctype.xml10_content().contains("<!ENTITY");
                let message = if declares {
                    "the export declares entities in a DOCTYPE; broadsheet expands none beyond \
                     XML's five (`&amp;` `&lt;` `&gt;` `&quot;` `&apos;`)"
                } else {
                    "the export has a DOCTYPE, which no WordPress export has; it may fetch \
                     external entities, so it is refused"
                };
                return Err(error(start_of_event, message.to_string()));
            }
            Event::Start(start) => {
                let local = local_name(&start);
                if resolved == Ns::Wp {
                    saw_wordpress = true;
                }
                open.push(start.name().as_ref().to_string());
                let depth = open.len();
                match (place, resolved, local.as_str()) {
                    (Place::Outside, Ns::None, "rss") if depth == 1 => place = Place::Rss,
                    (Place::Rss, Ns::None, "channel") if depth == 2 => {
                        place = Place::Channel;
                        saw_channel = true;
                    }
                    (Place::Channel, Ns::Wp, "author") if depth == 3 => {
                        send_channel(&mut channel_sent, &channel, &mut each);
                        place = Place::User;
                        user = User::default();
                    }
                    (Place::Channel, Ns::None, "item") if depth == 3 => {
                        send_channel(&mut channel_sent, &channel, &mut each);
                        place = Place::Item;
                        item = Item {
                            offset: start_of_event,
                            ..Item::default()
                        };
                    }
                    (Place::Item, Ns::Wp, "postmeta") if depth == 4 => {
                        place = Place::Meta;
                        meta_key.clear();
                    }
                    (Place::Item, Ns::None, "category") if depth == 4 => {
                        let mut term = Term::default();
                        for attribute in start.attributes() {
                            let attribute = attribute.map_err(|e| {
                                error(reader.buffer_position(), format!("bad attribute: {e}"))
                            })?;
                            let value = attribute
                                .normalized_value(quick_xml::XmlVersion::default())
                                .map_err(|e| error(start_of_event, xml_message(&e)))?
                                .into_owned();
                            match attribute.key.as_ref() {
                                "domain" => term.domain = value,
                                "nicename" => term.nicename = value,
                                _ => {}
                            }
                        }
                        item.terms.push(term);
                        field = Some(Field::Term);
                    }
                    (place, ns, name) => {
                        field = field_of(place, ns, name, depth);
                    }
                }
                if field.is_some() {
                    text.clear();
                }
            }
            Event::End(_) => {
                let depth = open.len();
                open.pop();
                if let Some(current) = field.take() {
                    let value = std::mem::take(&mut text);
                    store(
                        current,
                        value,
                        &mut channel,
                        &mut user,
                        &mut item,
                        &mut meta_key,
                    );
                }
                match (place, depth) {
                    (Place::User, 3) => {
                        place = Place::Channel;
                        each(Record::User(std::mem::take(&mut user)));
                    }
                    (Place::Item, 3) => {
                        place = Place::Channel;
                        each(Record::Item(Box::new(std::mem::take(&mut item))));
                    }
                    (Place::Meta, 4) => place = Place::Item,
                    (Place::Channel, 2) => {
                        send_channel(&mut channel_sent, &channel, &mut each);
                        place = Place::Rss;
                    }
                    (Place::Rss, 1) => place = Place::Outside,
                    _ => {}
                }
            }
            Event::Text(t) if field.is_some() => {
                let content = t.xml10_content();
                refuse_forbidden(&content, start_of_event)?;
                text.push_str(&content);
            }
            Event::CData(t) if field.is_some() => {
                let content = t.xml10_content();
                refuse_forbidden(&content, start_of_event)?;
                text.push_str(&content);
            }
            Event::GeneralRef(reference) => {
                let resolved = if reference.is_char_ref() {
                    reference
                        .resolve_char_ref()
                        .map_err(|e| error(start_of_event, xml_message(&e)))?
                } else {
                    match reference.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    }
                };
                let Some(c) = resolved else {
                    return Err(error(
                        start_of_event,
                        format!(
                            "`&{};` is not one of XML's five entities; broadsheet expands no \
                             other",
                            reference.as_ref()
                        ),
                    ));
                };
                if field.is_some() {
                    refuse_forbidden(c.encode_utf8(&mut [0; 4]), start_of_event)?;
                    text.push(c);
                }
            }
            Event::Eof => {
                if let Some(name) = open.last() {
                    return Err(error(
                        reader.buffer_position(),
                        format!("the export ends inside `<{name}>`: the file is truncated"),
                    ));
                }
                if !saw_channel {
                    return Err(error(
                        0,
                        "not a WordPress export: no `<rss>` with a `<channel>`".to_string(),
                    ));
                }
                if !saw_wordpress {
                    return Err(error(
                        0,
                        "not a WordPress export: no element in a `wp:` namespace \
                         (http://wordpress.org/export/1.x/)"
                            .to_string(),
                    ));
                }
                send_channel(&mut channel_sent, &channel, &mut each);
                return Ok(());
            }
            _ => {}
        }
        buf.clear();
    }
}

/// XML 1.0 allows no control character but tab, line feed and carriage return, not even
/// as a reference; one in a field would end up in a name or title no file may hold.
fn refuse_forbidden(text: &str, event: u64) -> Result<(), XmlError> {
    match text
        .char_indices()
        .find(|(_, c)| c.is_control() && (*c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
    {
        Some((at, c)) => Err(XmlError {
            offset: event + at as u64,
            message: format!(
                "not well-formed XML: U+{:04X} is a character XML does not allow",
                c as u32
            ),
        }),
        None => Ok(()),
    }
}

fn send_channel(sent: &mut bool, channel: &Channel, each: &mut impl FnMut(Record)) {
    if !*sent {
        *sent = true;
        each(Record::Channel(channel.clone()));
    }
}

fn local_name(start: &BytesStart) -> String {
    start.local_name().as_ref().to_string()
}

/// The field an element at `depth` holds, if it is one this reader keeps.
fn field_of(place: Place, ns: Ns, name: &str, depth: usize) -> Option<Field> {
    use Field::*;
    let field = match (place, depth, ns, name) {
        (Place::Channel, 3, Ns::None, "link") => ChannelLink,
        (Place::Channel, 3, Ns::Wp, "base_blog_url") => BaseBlogUrl,
        (Place::Channel, 3, Ns::Wp, "wxr_version") => Version,
        (Place::User, 4, Ns::Wp, "author_login") => UserLogin,
        (Place::User, 4, Ns::Wp, "author_display_name") => UserDisplayName,
        (Place::User, 4, Ns::Wp, "author_first_name") => UserFirstName,
        (Place::User, 4, Ns::Wp, "author_last_name") => UserLastName,
        (Place::Item, 4, Ns::None, "title") => Title,
        (Place::Item, 4, Ns::None, "link") => Link,
        (Place::Item, 4, Ns::Dc, "creator") => Creator,
        (Place::Item, 4, Ns::Content, "encoded") => Content,
        (Place::Item, 4, Ns::Excerpt, "encoded") => Excerpt,
        (Place::Item, 4, Ns::Wp, "post_id") => PostId,
        (Place::Item, 4, Ns::Wp, "post_date") => PostDate,
        (Place::Item, 4, Ns::Wp, "post_date_gmt") => PostDateGmt,
        (Place::Item, 4, Ns::Wp, "post_name") => PostName,
        (Place::Item, 4, Ns::Wp, "status") => Status,
        (Place::Item, 4, Ns::Wp, "post_type") => PostType,
        (Place::Meta, 5, Ns::Wp, "meta_key") => MetaKey,
        (Place::Meta, 5, Ns::Wp, "meta_value") => MetaValue,
        _ => return None,
    };
    Some(field)
}

fn store(
    field: Field,
    value: String,
    channel: &mut Channel,
    user: &mut User,
    item: &mut Item,
    meta_key: &mut String,
) {
    use Field::*;
    match field {
        ChannelLink => channel.link = value.trim().to_string(),
        BaseBlogUrl => channel.base_blog_url = value.trim().to_string(),
        Version => channel.version = value.trim().to_string(),
        UserLogin => user.login = value,
        UserDisplayName => user.display_name = value,
        UserFirstName => user.first_name = value,
        UserLastName => user.last_name = value,
        Title => item.title = Some(value),
        Link => item.link = value.trim().to_string(),
        Creator => item.creator = value,
        Content => item.content = value,
        Excerpt => item.excerpt = value,
        PostId => item.post_id = value.trim().to_string(),
        PostDate => item.post_date = value.trim().to_string(),
        PostDateGmt => item.post_date_gmt = value.trim().to_string(),
        PostName => item.post_name = value.trim().to_string(),
        Status => item.status = value.trim().to_string(),
        PostType => item.post_type = value.trim().to_string(),
        Term => {
            if let Some(term) = item.terms.last_mut() {
                term.name = value;
            }
        }
        MetaKey => *meta_key = value,
        MetaValue => item.meta.push((std::mem::take(meta_key), value)),
    }
}

/// quick-xml's message, in the words of someone who opened the file.
fn xml_message(error: &impl std::fmt::Display) -> String {
    format!("not well-formed XML: {error}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(xml: &str) -> Result<Vec<Record>, XmlError> {
        let mut out = Vec::new();
        read(xml.as_bytes(), |r| out.push(r))?;
        Ok(out)
    }

    const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.1/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.1/">
<channel><title>Old</title><link>https://old.example.org</link><wp:wxr_version>1.1</wp:wxr_version>"#;

    #[test]
    fn reads_records_in_order() {
        let xml = format!(
            "{HEAD}<wp:author><wp:author_login><![CDATA[jdoe]]></wp:author_login><wp:author_display_name>Jane &amp; Doe</wp:author_display_name></wp:author>\
             <item><title>A &lt;b&gt; &#8217;</title><content:encoded><![CDATA[<p>x &amp; y</p>]]></content:encoded>\
             <category domain=\"author\" nicename=\"cap-jdoe\"><![CDATA[jdoe]]></category>\
             <wp:postmeta><wp:meta_key>k</wp:meta_key><wp:meta_value>v</wp:meta_value></wp:postmeta></item></channel></rss>"
        );
        let records = records(&xml).unwrap();
        let [
            Record::Channel(channel),
            Record::User(user),
            Record::Item(item),
        ] = records.as_slice()
        else {
            panic!("{records:?}")
        };
        assert_eq!(channel.link, "https://old.example.org");
        assert_eq!(channel.version, "1.1");
        assert_eq!(user.display_name, "Jane & Doe");
        assert_eq!(item.title.as_deref(), Some("A <b> \u{2019}"));
        assert_eq!(item.content, "<p>x &amp; y</p>", "CDATA is not decoded");
        assert_eq!(item.terms[0].nicename, "cap-jdoe");
        assert_eq!(item.meta("k"), Some("v"));
    }

    #[test]
    fn the_namespace_decides_not_the_prefix() {
        let xml = r#"<rss xmlns:w="http://wordpress.org/export/1.2/" xmlns:wp="http://example.org/other/"><channel><item><w:post_id>7</w:post_id><wp:post_type>x</wp:post_type></item></channel></rss>"#;
        let records = records(xml).unwrap();
        let Record::Item(item) = &records[1] else {
            panic!()
        };
        assert_eq!(item.post_id, "7");
        assert_eq!(item.post_type, "", "not WordPress's namespace");
    }

    #[test]
    fn hostile_and_broken_exports_are_refused() {
        let cases = [
            (
                "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;\">]><rss/>",
                "declares entities",
            ),
            (
                "<!DOCTYPE r SYSTEM \"file:///etc/passwd\"><rss/>",
                "has a DOCTYPE",
            ),
            (
                "<rss><channel><title>&nbsp;</title></channel></rss>",
                "`&nbsp;`",
            ),
            (
                &format!("{HEAD}<item><title>T</title>"),
                "ends inside `<item>`",
            ),
            (&format!("{HEAD}<item><title>T</item>"), "not well-formed"),
            ("<html><body/></html>", "no `<rss>`"),
            (
                "<rss><channel><item><title>T</title></item></channel></rss>",
                "no element in a `wp:` namespace",
            ),
            // Found by the `wxr` fuzz target (crash-85268b8d): a NUL inside a user's display
            // name reached a profile, which `build` refuses.
            (
                &format!(
                    "{HEAD}<wp:author><wp:author_display_name>Daniel Oka\0for</wp:author_display_name></wp:author>"
                ),
                "U+0000 is a character XML does not allow",
            ),
            (
                &format!("{HEAD}<item><title>A&#1;B</title></item>"),
                "not well-formed",
            ),
        ];
        for (xml, message) in cases {
            let error = records(xml).expect_err(xml);
            assert!(error.message.contains(message), "{xml}: {}", error.message);
        }
    }
}
