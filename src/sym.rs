//! Shared strings for the values a corpus repeats: country and organisation codes, focus
//! areas, article ids, officials' names, titles and organisations.
//!
//! A million events name a few hundred codes and areas and a few thousand officials; as owned
//! `String`s each mention is its own allocation. A [`Sym`] is a reference-counted `str`:
//! cloning it copies a pointer, and while [`interning`] is active (the cache decodes a whole
//! dataset inside it) equal strings become one allocation. The pointer is a thin one (one
//! word, the string's length kept with it in the shared allocation): an event holds a dozen
//! of them, so a million events take about 80 MB less than with `Arc<str>`. It reads like a `&str` (it
//! dereferences to one, compares with `str`, `&str` and `String`, orders, hashes and
//! serialises as the string), so JSON and every view see plain strings.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use rustc_hash::FxHashSet;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An immutable shared string; see the module documentation.
#[derive(Clone, Default, PartialOrd, Ord)]
pub struct Sym(Arc<Box<str>>);

/// A [`Sym`]'s allocation as the interner keeps it: looked up by its `str`.
#[derive(PartialEq, Eq, Hash)]
struct Shared(Arc<Box<str>>);

impl Borrow<str> for Shared {
    fn borrow(&self) -> &str {
        &self.0
    }
}

fn shared_str(s: &str) -> Arc<Box<str>> {
    Arc::new(Box::from(s))
}

impl Sym {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The active interner's copy of `s`, made by `make` when it has none yet; `None` when
    /// no interner is active on this thread.
    fn interned(s: &str, make: impl FnOnce() -> Arc<Box<str>>) -> Option<Sym> {
        INTERNER.with(|cell| {
            let mut slot = cell.try_borrow_mut().ok()?;
            let set = slot.as_mut()?;
            let a = match set.get(s) {
                Some(a) => Arc::clone(&a.0),
                None => {
                    let a = make();
                    set.insert(Shared(Arc::clone(&a)));
                    a
                }
            };
            Some(Sym(a))
        })
    }

    /// `s` as the active interner's copy, or a new string when none is active.
    fn intern(s: &str) -> Sym {
        Sym::interned(s, || shared_str(s)).unwrap_or_else(|| Sym(shared_str(s)))
    }

    /// This string as the active interner's copy (itself when none is active, or when it is
    /// the first of its value).
    pub fn shared(&self) -> Sym {
        Sym::interned(&self.0, || Arc::clone(&self.0)).unwrap_or_else(|| self.clone())
    }
}

thread_local! {
    static INTERNER: RefCell<Option<FxHashSet<Shared>>> = const { RefCell::new(None) };
}

/// Runs `f` with an interner active on this thread: every [`Sym`] deserialised or
/// [`Sym::shared`] meanwhile shares the allocation of an equal earlier one. Nested calls use
/// the outer interner.
pub fn interning<R>(f: impl FnOnce() -> R) -> R {
    let outer = INTERNER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_some() {
            true
        } else {
            *slot = Some(FxHashSet::default());
            false
        }
    });
    // Cleared even if `f` panics, so a later decode on this thread does not keep the strings.
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            if !self.0 {
                INTERNER.with(|cell| {
                    if let Ok(mut slot) = cell.try_borrow_mut() {
                        *slot = None;
                    }
                });
            }
        }
    }
    let _reset = Reset(outer);
    f()
}

impl PartialEq for Sym {
    fn eq(&self, other: &Sym) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.as_str() == other.as_str()
    }
}

impl Eq for Sym {}

impl std::hash::Hash for Sym {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Deref for Sym {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Sym {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Sym {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl From<&str> for Sym {
    fn from(s: &str) -> Sym {
        Sym(shared_str(s))
    }
}

impl From<String> for Sym {
    fn from(s: String) -> Sym {
        Sym(Arc::new(s.into_boxed_str()))
    }
}

impl From<&String> for Sym {
    fn from(s: &String) -> Sym {
        Sym(shared_str(s))
    }
}

impl PartialEq<str> for Sym {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Sym {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Sym {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Sym> for str {
    fn eq(&self, other: &Sym) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Sym> for &str {
    fn eq(&self, other: &Sym) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Sym> for String {
    fn eq(&self, other: &Sym) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Serialize for Sym {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Sym {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Sym, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Sym;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Sym, E> {
                Ok(Sym::intern(v))
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_compares_and_serialises_as_its_string() {
        let s = Sym::from("FRA");
        assert_eq!(s, "FRA");
        assert_eq!("FRA", s);
        assert_eq!(s, String::from("FRA"));
        assert_ne!(s, Sym::from("BEL"));
        let bel = Sym::from("BEL");
        assert!(bel < s);
        assert_eq!(s.len(), 3);
        assert_eq!(format!("{s} {s:?}"), "FRA \"FRA\"");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"FRA\"");
        let back: Sym = serde_json::from_str("\"FRA\"").unwrap();
        assert_eq!(back, s);
        let set: std::collections::HashSet<Sym> = [s.clone()].into();
        assert!(set.contains("FRA"));
    }

    /// A word each: the dozen an event holds are what the thin pointer saves.
    #[test]
    fn is_one_word_and_so_is_an_optional_one() {
        assert_eq!(size_of::<Sym>(), size_of::<usize>());
        assert_eq!(size_of::<Option<Sym>>(), size_of::<usize>());
        let s = Sym::from(String::from("Commissaire divisionnaire"));
        assert_eq!(s.as_str(), "Commissaire divisionnaire");
        assert_eq!(Sym::default(), "");
    }

    #[test]
    fn equal_strings_share_one_allocation_only_while_interning() {
        let json = r#"["FRA","FRA","BEL"]"#;
        let apart: Vec<Sym> = serde_json::from_str(json).unwrap();
        assert!(!Arc::ptr_eq(&apart[0].0, &apart[1].0));
        let shared: Vec<Sym> = interning(|| serde_json::from_str(json).unwrap());
        assert!(Arc::ptr_eq(&shared[0].0, &shared[1].0));
        assert!(!Arc::ptr_eq(&shared[0].0, &shared[2].0));
        let again = interning(|| (Sym::from("BEL").shared(), Sym::from("BEL").shared()));
        assert!(Arc::ptr_eq(&again.0.0, &again.1.0));
        // The interner is gone afterwards: nothing is kept alive by it.
        let after: Vec<Sym> = serde_json::from_str(json).unwrap();
        assert!(!Arc::ptr_eq(&after[0].0, &after[1].0));
        assert_eq!(Arc::strong_count(&shared[2].0), 1);
    }
}
