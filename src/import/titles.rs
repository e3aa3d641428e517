//! `--titles FILE`: titles for a batch of pieces without a title line, as a CSV of
//! `file,title` rows (a spreadsheet's export: quoted fields, commas inside quotes, CRLF).
//!
//! Reading the rows is this module's; matching each file to a piece on the command line is
//! the `import` command's.

use super::ImportError;

/// One row: the file as the user typed it, and its title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TitleRow {
    /// The 1-based line the row starts on.
    pub line: usize,
    pub file: String,
    pub title: String,
}

/// Reads the rows of a titles file. A first row of `file,title` is a header and skipped.
///
/// Every bad row is reported at once: a row without exactly two fields, an empty file name
/// or title, a file named twice, a quote left open.
pub fn parse(text: &str) -> Result<Vec<TitleRow>, Vec<ImportError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows: Vec<TitleRow> = Vec::new();
    let mut errors = Vec::new();
    let error = |line: usize, message: String| ImportError {
        line,
        column: 1,
        message,
    };
    // After a CRLF, csv's position still points at the line end before the record (and its
    // line count lags): step over line ends, then count them.
    let line_of = |position: Option<&csv::Position>| {
        let byte = position.map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        let byte = byte.min(text.len());
        let start = byte
            + text.as_bytes()[byte..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        text.as_bytes()[..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    };
    for (i, record) in reader.records().enumerate() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = line_of(e.position());
                errors.push(error(line, format!("not a CSV row: {e}")));
                break;
            }
        };
        let line = line_of(record.position());
        let fields: Vec<&str> = record.iter().map(str::trim).collect();
        match fields.as_slice() {
            ["file", "title"] if i == 0 => {}
            [""] => {}
            [file, title] if !file.is_empty() && !title.is_empty() => {
                if let Some(earlier) = rows.iter().find(|r| r.file == *file) {
                    errors.push(error(
                        line,
                        format!("`{file}` already has a title, on line {}", earlier.line),
                    ));
                } else {
                    rows.push(TitleRow {
                        line,
                        file: file.to_string(),
                        title: title.to_string(),
                    });
                }
            }
            [_, _] => errors.push(error(
                line,
                "a row needs both a file name and a title".to_string(),
            )),
            _ => errors.push(error(
                line,
                format!(
                    "expected two fields, `file,title`, and found {}",
                    fields.len()
                ),
            )),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_as_spreadsheets_write_them() {
        let text = "\u{feff}file,title\r\npieces/a.txt,Ports Are Power\r\n\"pieces/b c.txt\",\"Tolls, Roads and \"\"Fees\"\"\"\r\n\r\n";
        let rows = parse(text).unwrap();
        assert_eq!(
            rows,
            [
                TitleRow {
                    line: 2,
                    file: "pieces/a.txt".into(),
                    title: "Ports Are Power".into()
                },
                TitleRow {
                    line: 3,
                    file: "pieces/b c.txt".into(),
                    title: "Tolls, Roads and \"Fees\"".into()
                },
            ]
        );
    }

    #[test]
    fn every_bad_row_is_reported() {
        let errors = parse("a.txt\nb.txt,\nc.txt,T,extra\nd.txt,T\nd.txt,U\n").unwrap_err();
        let found: Vec<(usize, &str)> = errors
            .iter()
            .map(|e| (e.line, e.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (1, "expected two fields, `file,title`, and found 1"),
                (2, "a row needs both a file name and a title"),
                (3, "expected two fields, `file,title`, and found 3"),
                (5, "`d.txt` already has a title, on line 4"),
            ]
        );
    }
}
