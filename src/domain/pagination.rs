//! Page arithmetic for lists shown a page at a time (`offset`, `limit`):
//! "Pagina 2 di 150" and the offsets of the previous and next pages.

/// Where a page stands among the pages of a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageInfo {
    /// 1-based number of the page shown.
    pub current: u32,
    pub pages: u32,
    /// Offset of the previous page; None on the first.
    pub prev: Option<u32>,
    /// Offset of the next page; None on the last.
    pub next: Option<u32>,
}

/// The page of `total` items that starts at `offset`, `limit` items a page
/// (0 counts as 1). None when everything fits on one page: no page links.
pub fn page_info(total: u32, offset: u32, limit: u32) -> Option<PageInfo> {
    let size = limit.max(1);
    let pages = total.div_ceil(size);
    (pages > 1).then(|| PageInfo {
        current: offset / size + 1,
        pages,
        prev: (offset > 0).then(|| offset.saturating_sub(size)),
        next: (offset.saturating_add(size) < total).then(|| offset.saturating_add(size)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_page_or_none_has_no_links() {
        assert_eq!(page_info(0, 0, 20), None);
        assert_eq!(page_info(20, 0, 20), None);
        assert_eq!(page_info(1, 0, 20), None);
    }

    #[test]
    fn first_middle_and_last_pages() {
        assert_eq!(
            page_info(45, 0, 20),
            Some(PageInfo {
                current: 1,
                pages: 3,
                prev: None,
                next: Some(20)
            })
        );
        assert_eq!(
            page_info(45, 20, 20),
            Some(PageInfo {
                current: 2,
                pages: 3,
                prev: Some(0),
                next: Some(40)
            })
        );
        assert_eq!(
            page_info(45, 40, 20),
            Some(PageInfo {
                current: 3,
                pages: 3,
                prev: Some(20),
                next: None
            })
        );
        // Exactly two full pages.
        assert_eq!(
            page_info(40, 20, 20).map(|p| (p.pages, p.next)),
            Some((2, None))
        );
    }

    #[test]
    fn odd_offsets_and_sizes_do_not_panic() {
        // An offset off the page grid (typed in the URL) steps back to 0.
        assert_eq!(
            page_info(45, 5, 20).map(|p| (p.current, p.prev, p.next)),
            Some((1, Some(0), Some(25)))
        );
        // Past the end: no next page.
        assert_eq!(
            page_info(45, 100, 20).map(|p| (p.current, p.next)),
            Some((6, None))
        );
        // Limit 0 is a page of one.
        assert_eq!(
            page_info(3, 1, 0).map(|p| (p.current, p.pages, p.prev, p.next)),
            Some((2, 3, Some(0), Some(2)))
        );
        let p = page_info(u32::MAX, u32::MAX - 1, 10).map(|p| p.next);
        assert_eq!(p, Some(None));
    }
}
