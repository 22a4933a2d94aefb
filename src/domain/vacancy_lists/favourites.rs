//! Starred offers, kept on the device.

use serde::{Deserialize, Serialize};

/// Key in the `personal` store.
pub const FAVOURITES_KEY: &str = "favourites";
/// At most this many favourites are kept (oldest dropped).
pub const MAX_FAVOURITES: usize = 500;

/// A starred offer, with what the favourites list shows even after the
/// offer has left the feed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Favourite {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub employer: String,
    #[serde(default)]
    pub comune: String,
    #[serde(default)]
    pub province: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub expires: String,
    /// `YYYY-MM-DD` the star was set.
    #[serde(default)]
    pub added: String,
}

pub fn is_favourite(list: &[Favourite], id: &str) -> bool {
    list.iter().any(|f| f.id == id)
}

/// Star or unstar; returns whether the offer is now a favourite. The newest
/// favourite comes first.
pub fn toggle_favourite(list: &mut Vec<Favourite>, fav: Favourite) -> bool {
    if let Some(pos) = list.iter().position(|f| f.id == fav.id) {
        list.remove(pos);
        false
    } else {
        list.insert(0, fav);
        list.truncate(MAX_FAVOURITES);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fav(id: &str) -> Favourite {
        Favourite {
            id: id.into(),
            title: format!("Offerta {id}"),
            employer: String::new(),
            comune: String::new(),
            province: String::new(),
            expires: String::new(),
            added: String::new(),
        }
    }

    #[test]
    fn favourites_toggle_newest_first() {
        let mut list = Vec::new();
        assert!(toggle_favourite(&mut list, fav("a")));
        assert!(toggle_favourite(&mut list, fav("b")));
        assert_eq!(
            list.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
            ["b", "a"]
        );
        assert!(is_favourite(&list, "a"));
        assert!(!toggle_favourite(&mut list, fav("a")));
        assert!(!is_favourite(&list, "a"));
        for i in 0..MAX_FAVOURITES + 5 {
            toggle_favourite(&mut list, fav(&format!("x{i}")));
        }
        assert_eq!(list.len(), MAX_FAVOURITES);
        let json = serde_json::to_string(&list[0]).unwrap();
        assert_eq!(serde_json::from_str::<Favourite>(&json).unwrap(), list[0]);
    }
}
