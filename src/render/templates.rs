//! The template set: the built-in theme compiled into the binary, overridden file by file by
//! a site's own `templates/`, plus the small filters Tera 2 leaves to its users (`date`,
//! `slugify`). Template errors become diagnostics naming the template file and line.

use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use tera::{Kwargs, State, Tera};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::SourceFile;

/// The built-in theme: (name, text). A site's `templates/<name>` replaces the file of that name.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "partials/card.html",
        include_str!("../../templates/partials/card.html"),
    ),
    (
        "partials/byline.html",
        include_str!("../../templates/partials/byline.html"),
    ),
    (
        "partials/list.html",
        include_str!("../../templates/partials/list.html"),
    ),
    (
        "partials/pagination.html",
        include_str!("../../templates/partials/pagination.html"),
    ),
    (
        "partials/periods.html",
        include_str!("../../templates/partials/periods.html"),
    ),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("author.html", include_str!("../../templates/author.html")),
    ("authors.html", include_str!("../../templates/authors.html")),
    (
        "affiliation.html",
        include_str!("../../templates/affiliation.html"),
    ),
    (
        "affiliations.html",
        include_str!("../../templates/affiliations.html"),
    ),
    ("topic.html", include_str!("../../templates/topic.html")),
    ("topics.html", include_str!("../../templates/topics.html")),
    ("archive.html", include_str!("../../templates/archive.html")),
    ("year.html", include_str!("../../templates/year.html")),
    ("month.html", include_str!("../../templates/month.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("series.html", include_str!("../../templates/series.html")),
    (
        "series-index.html",
        include_str!("../../templates/series-index.html"),
    ),
    (
        "redirect.html",
        include_str!("../../templates/redirect.html"),
    ),
    ("search.html", include_str!("../../templates/search.html")),
    ("atom.xml", include_str!("../../templates/atom.xml")),
];

/// Static files of the built-in theme, written unless the site's `static/` has its own.
pub const BUILT_IN_STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../static/style.css")),
    ("search.js", include_bytes!("../../static/search.js")),
];

/// A compiled template set, and where each template came from (for messages).
pub struct Templates {
    pub tera: Tera,
    origins: Vec<(String, PathBuf)>,
}

impl Templates {
    /// Compiles the built-in theme with `overrides` (files under the site's `templates/`)
    /// laid over it. Every template with a syntax error is reported.
    pub fn compile(
        overrides: &[SourceFile],
        timezone: &TimeZone,
    ) -> Result<Templates, Diagnostics> {
        let mut set: Vec<(String, String, PathBuf)> = BUILT_IN
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    text.to_string(),
                    Path::new("templates").join(name),
                )
            })
            .collect();
        for file in overrides {
            let name = file
                .path
                .strip_prefix("templates")
                .unwrap_or(&file.path)
                .to_string_lossy()
                .replace('\\', "/");
            match set.iter_mut().find(|(n, _, _)| *n == name) {
                Some(slot) => *slot = (name, file.text.clone(), file.path.clone()),
                None => set.push((name, file.text.clone(), file.path.clone())),
            }
        }
        let origins: Vec<(String, PathBuf)> =
            set.iter().map(|(n, _, p)| (n.clone(), p.clone())).collect();
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        register_filters(&mut tera, timezone.clone());
        let templates = Templates { tera, origins };
        // Compile one by one first so that each broken template is reported on its own;
        // then together, which resolves `extends` and `include` between them.
        let mut problems = Vec::new();
        for (name, text, _) in &set {
            let mut alone = Tera::new();
            register_filters(&mut alone, timezone.clone());
            // Alone, a template cannot find the ones it extends or includes; only its own
            // syntax is judged here.
            if let Err(e) = alone.add_raw_template(name, text)
                && matches!(e.kind(), tera::ErrorKind::SyntaxError(_))
            {
                problems.push(templates.diagnostic(&e, name));
            }
        }
        if !problems.is_empty() {
            return Err(problems.into());
        }
        let mut templates = templates;
        if let Err(e) = templates
            .tera
            .add_raw_templates(set.iter().map(|(n, t, _)| (n.as_str(), t.as_str())))
        {
            return Err(templates.diagnostic(&e, "").into());
        }
        Ok(templates)
    }

    /// Where a template came from: the site's override or the built-in theme.
    fn origin(&self, name: &str) -> PathBuf {
        self.origins
            .iter()
            .find(|(n, _)| n == name)
            .map_or_else(|| Path::new("templates").join(name), |(_, p)| p.clone())
    }

    /// A Tera error as a diagnostic at the template's file, line and column. `fallback` names
    /// the template being rendered when the error itself names none.
    pub fn diagnostic(&self, error: &tera::Error, fallback: &str) -> Diagnostic {
        match error.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                let name = if report.filename().is_empty() {
                    fallback
                } else {
                    report.filename()
                };
                let span = report.span();
                let message = match error.kind() {
                    tera::ErrorKind::SyntaxError(_) => {
                        format!("template syntax error: {}", report.message())
                    }
                    _ => format!("template error: {}", report.message()),
                };
                Diagnostic::error(
                    self.origin(name),
                    span.start_line.max(1),
                    span.start_col + 1,
                    message,
                )
            }
            tera::ErrorKind::MissingParent { current, parent } => Diagnostic::error(
                self.origin(current),
                1,
                1,
                format!("template extends {parent:?}, which does not exist"),
            ),
            tera::ErrorKind::TemplateNotFound(name) => Diagnostic::error(
                self.origin(fallback),
                1,
                1,
                format!("template {name:?} does not exist"),
            ),
            tera::ErrorKind::CircularExtend {
                tpl,
                inheritance_chain,
            } => Diagnostic::error(
                self.origin(tpl),
                1,
                1,
                format!(
                    "templates extend each other in a circle: {}",
                    inheritance_chain.join(" → ")
                ),
            ),
            tera::ErrorKind::CircularInclude { tpl, include_chain } => Diagnostic::error(
                self.origin(tpl),
                1,
                1,
                format!(
                    "templates include each other in a circle: {}",
                    include_chain.join(" → ")
                ),
            ),
            _ => Diagnostic::error(
                self.origin(fallback),
                1,
                1,
                format!("template error: {}", error_chain(error)),
            ),
        }
    }
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

/// `date` formats an RFC 3339 date in the site's time zone with a strftime pattern
/// (`{{ article.date | date(format="%B %-d, %Y") }}`); `slugify` makes a URL slug.
fn register_filters(tera: &mut Tera, timezone: TimeZone) {
    tera.register_filter(
        "date",
        move |value: &str, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let format = kwargs.get::<&str>("format")?.unwrap_or("%B %-d, %Y");
            let timestamp: jiff::Timestamp = value.parse().map_err(|e| {
                tera::Error::message(format!(
                    "`date` filter: {value:?} is not an RFC 3339 date ({e})"
                ))
            })?;
            let zoned = timestamp.to_zoned_datetime(timezone.clone());
            let mut out = String::new();
            jiff::fmt::strtime::format(format, &zoned)
                .map(|s| out.push_str(&s))
                .map_err(|e| {
                    tera::Error::message(format!("`date` filter: bad format {format:?} ({e})"))
                })?;
            Ok(out)
        },
    );
    tera.register_filter("slugify", |value: &str, _: Kwargs, _: &State| {
        crate::model::url::slugify(value)
    });
}
