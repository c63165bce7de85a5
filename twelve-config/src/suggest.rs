//! Did-you-mean suggestions for misspelt variable names.

/// The position of the key closest to `name` by edit distance, if any is
/// close enough to be a likely typo: at most a third of the name's length,
/// and at most 4 edits. Ties go to the first key.
pub(crate) fn closest(name: &str, keys: &[&str]) -> Option<usize> {
    let limit = (name.chars().count() / 3).clamp(1, 4);
    let mut best: Option<(usize, usize)> = None;
    for (index, key) in keys.iter().enumerate() {
        // The distance is at least the difference in length: a
        // megabyte-long name is dismissed without a megabyte-sized table.
        if *key == name
            || key.len().abs_diff(name.len()) > limit * 4
            || key.chars().count().abs_diff(name.chars().count()) > limit
        {
            continue;
        }
        let distance = twelve_config_names::edit_distance(name, key);
        if distance <= limit && best.is_none_or(|(closest, _)| distance < closest) {
            best = Some((distance, index));
        }
    }
    best.map(|(_, index)| index)
}

/// The variable `unknown` (under `prefix`) was likely meant to be: names
/// are compared without the prefix, so `APP_PORT` is not "close" to
/// `APP_HOST`, and `APP_DATABSE_URL` finds the unprefixed `DATABASE_URL`.
pub(crate) fn meant<'v>(unknown: &str, prefix: &str, known: &[&'v str]) -> Option<&'v str> {
    let unknown = unknown.strip_prefix(prefix).unwrap_or(unknown);
    let mut bare = Vec::with_capacity(known.len());
    for name in known {
        bare.push(name.strip_prefix(prefix).unwrap_or(name));
    }
    closest(unknown, &bare).map(|index| known[index])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_only_close_names_compared_without_the_prefix() {
        let known = ["APP_DATABASE_URL", "APP_PORT", "APP_HOST", "REDIS_URL"];
        let meant = |name| meant(name, "APP_", &known);
        assert_eq!(meant("APP_DATABSE_URL"), Some("APP_DATABASE_URL"));
        assert_eq!(meant("APP_POTR"), Some("APP_PORT"));
        assert_eq!(meant("APP_REDIS_ULR"), Some("REDIS_URL"));
        assert_eq!(meant("APP_SOMETHING_ELSE"), None);
        // Two edits in four letters is another word, not a typo.
        assert_eq!(meant("APP_POST"), Some("APP_PORT"));
        assert_eq!(meant("APP_PATH"), None);
    }

    #[test]
    fn the_design_example_suggests_the_unprefixed_name() {
        let known = ["BILLING_PORT", "DATABASE_URL", "BILLING_API_TOKEN"];
        assert_eq!(meant("BILLING_DATABSE_URL", "BILLING_", &known), Some("DATABASE_URL"));
    }
}
