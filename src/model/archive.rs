//! Date indexes: years and months that have articles, in the site's time zone.

/// One month with articles.
#[derive(Debug, Clone)]
pub struct Month {
    pub year: i16,
    /// 1 to 12.
    pub month: i8,
    pub url: String,
    /// Indices into `Site::articles`, newest first.
    pub articles: Vec<usize>,
}

impl Month {
    /// "August 2025".
    pub fn title(&self) -> String {
        format!("{} {:04}", month_name(self.month), self.year)
    }
}

/// One year with articles, its months newest first.
#[derive(Debug, Clone)]
pub struct Year {
    pub year: i16,
    pub url: String,
    pub months: Vec<Month>,
}

impl Year {
    /// Indices of the year's articles, newest first.
    pub fn articles(&self) -> impl Iterator<Item = usize> + '_ {
        self.months.iter().flat_map(|m| m.articles.iter().copied())
    }

    pub fn count(&self) -> usize {
        self.months.iter().map(|m| m.articles.len()).sum()
    }
}

/// Builds the years and months from article dates, given newest first.
pub fn assemble<'a>(dates: impl Iterator<Item = &'a jiff::ZonedDateTime>) -> Vec<Year> {
    let mut years: Vec<Year> = Vec::new();
    for (index, date) in dates.enumerate() {
        let (y, m) = (date.year(), date.month());
        if years.last().is_none_or(|last| last.year != y) {
            years.push(Year {
                year: y,
                url: super::url::year(y),
                months: Vec::new(),
            });
        }
        let Some(year) = years.last_mut() else {
            continue;
        };
        if year.months.last().is_none_or(|last| last.month != m) {
            year.months.push(Month {
                year: y,
                month: m,
                url: super::url::month(y, m),
                articles: Vec::new(),
            });
        }
        if let Some(month) = year.months.last_mut() {
            month.articles.push(index);
        }
    }
    years
}

/// The English name of month `m` (1 to 12).
pub fn month_name(m: i8) -> &'static str {
    crate::dates::MONTHS[(m.clamp(1, 12) - 1) as usize]
}
