//! Work shared out between the machine's cores, for extraction, loading and merging: an
//! order-preserving map, a closure per thread or per run of items, and a two-core stable
//! sort.

/// The number of cores this process may run on (1 when it cannot be told).
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Frees `value` on a thread of its own, so that the caller goes on meanwhile (a million
/// events take a second or so to free).
pub fn drop_aside<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// Maps `f` over `items` on every core, keeping the input order. Threads take the next item
/// from a shared counter, so a few long articles do not leave a core idle.
pub fn par_map<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> R + Sync,
    progress: &(dyn Fn(usize) + Sync),
) -> Vec<R> {
    par_map_on(items, || (), |_, x| f(x), progress, false).0
}

/// [`par_map`] with a string interner active on each thread for all its items (see
/// [`crate::sym::interning`]), so that what `f` shares with [`crate::sym::Sym::shared`] is
/// one allocation per thread rather than one per item; and each thread with a state of its
/// own, made by `init` and given to `f` with each of its items. Returns the results in
/// order, and the states (one per thread that ran, in no particular order).
pub fn par_map_sharing_with<T: Sync, R: Send, S: Send>(
    items: &[T],
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
    progress: &(dyn Fn(usize) + Sync),
) -> (Vec<R>, Vec<S>) {
    par_map_on(items, init, f, progress, true)
}

fn par_map_on<T: Sync, R: Send, S: Send>(
    items: &[T],
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
    progress: &(dyn Fn(usize) + Sync),
    sharing: bool,
) -> (Vec<R>, Vec<S>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let on_this_thread = |work: &mut dyn FnMut()| {
        if sharing {
            crate::sym::interning(work);
        } else {
            work();
        }
    };
    let threads = cores().min(items.len() / 4 + 1);
    if threads <= 1 {
        let mut state = init();
        let mut out = Vec::with_capacity(items.len());
        on_this_thread(&mut || {
            out.extend(items.iter().enumerate().map(|(i, x)| {
                let r = f(&mut state, x);
                progress(i + 1);
                r
            }));
        });
        return (out, vec![state]);
    }
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let parts = on_threads(threads, |_| {
        let mut state = init();
        let mut out = Vec::new();
        on_this_thread(&mut || {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(x) = items.get(i) else { break };
                out.push((i, f(&mut state, x)));
                progress(done.fetch_add(1, Ordering::Relaxed) + 1);
            }
        });
        (out, state)
    });
    let (outs, states): (Vec<_>, Vec<S>) = parts.into_iter().unzip();
    let mut all: Vec<(usize, R)> = outs.into_iter().flatten().collect();
    all.sort_by_key(|(i, _)| *i);
    (all.into_iter().map(|(_, r)| r).collect(), states)
}

/// `f(0)`, ..., `f(n - 1)`, each on a thread of its own, in that order; a panic in one is
/// raised again here.
pub fn on_threads<R: Send>(n: usize, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n).map(|i| scope.spawn(move || f(i))).collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// `f` over `v` cut into `shares` runs of consecutive items (the last ones shorter or
/// empty), each run on a thread of its own; a panic in one is raised again here.
pub fn on_runs_mut<T: Send>(v: &mut [T], shares: usize, f: impl Fn(&mut [T]) + Sync) {
    let per = v.len().div_ceil(shares.max(1)).max(1);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = v
            .chunks_mut(per)
            .map(|run| scope.spawn(move || f(run)))
            .collect();
        for h in handles {
            h.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        }
    });
}

/// Below this many items a sort stays on one core: starting a thread would cost more.
const PAR_SORT_MIN: usize = 1 << 14;

/// Sorts `v` like [`slice::sort_by`] (stable: equal items keep their order), the two halves on
/// two cores, then merged. The merge only decides where each item goes, then moves every
/// item at most once along the cycles of that permutation, so large items (events) are not
/// copied into a second buffer.
pub fn sort_by<T: Send>(v: &mut [T], cmp: impl Fn(&T, &T) -> std::cmp::Ordering + Sync) {
    sort_by_from(
        v,
        &cmp,
        if cores() < 2 {
            usize::MAX
        } else {
            PAR_SORT_MIN
        },
    );
}

/// [`sort_by`], on two cores from `min` items.
fn sort_by_from<T: Send>(
    v: &mut [T],
    cmp: &(impl Fn(&T, &T) -> std::cmp::Ordering + Sync),
    min: usize,
) {
    let n = v.len();
    if n < min.max(2) {
        v.sort_by(cmp);
        return;
    }
    // The two halves, the first one the longer when `n` is odd (see `on_runs_mut`).
    on_runs_mut(v, 2, |half| half.sort_by(cmp));
    let mid = n.div_ceil(2);
    // `from[k]`: where the item that goes to `k` is now. A tie takes the left half's first,
    // which is what keeps the sort stable.
    let mut from: Vec<usize> = Vec::with_capacity(n);
    let (mut i, mut j) = (0, mid);
    while i < mid && j < n {
        if cmp(&v[j], &v[i]) == std::cmp::Ordering::Less {
            from.push(j);
            j += 1;
        } else {
            from.push(i);
            i += 1;
        }
    }
    from.extend(i..mid);
    from.extend(j..n);
    // Each cycle of the permutation: the item wanted at `at` is swapped in from where it is,
    // which carries the cycle's first item along until the place that wants it.
    for start in 0..n {
        let mut at = start;
        while from[at] != at {
            let src = from[at];
            from[at] = at;
            if src == start {
                break;
            }
            v.swap(at, src);
            at = src;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Sorting on two cores gives exactly what the standard stable sort gives, ties
        /// in their first order included (each item carries its first position).
        #[test]
        fn sorting_on_two_cores_is_the_stable_sort(
            keys in prop::collection::vec(0u8..12, 0..300),
            min in 0usize..40,
        ) {
            let items: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let by_key = |a: &(u8, usize), b: &(u8, usize)| a.0.cmp(&b.0);
            let mut expected = items.clone();
            expected.sort_by(by_key);
            let mut got = items;
            sort_by_from(&mut got, &by_key, min);
            prop_assert_eq!(got, expected);
        }
    }

    /// What each thread shares is one allocation on that thread: at most one per core,
    /// where the plain map makes one per item.
    #[test]
    fn a_sharing_map_shares_strings_per_thread() {
        use crate::sym::Sym;
        use std::collections::HashSet;
        let items: Vec<usize> = (0..400).collect();
        let make = |_: &usize| Sym::from("FRA").shared();
        let places = |syms: &[Sym]| -> HashSet<*const u8> {
            syms.iter().map(|s| s.as_str().as_ptr()).collect()
        };
        let (shared, _) = par_map_sharing_with(&items, || (), |_, x| make(x), &|_| {});
        assert!(shared.iter().all(|s| s == "FRA"));
        assert!((1..=cores()).contains(&places(&shared).len()));
        let apart = par_map(&items, make, &|_| {});
        assert_eq!(places(&apart).len(), items.len());
        // After the map, no interner is left on this thread.
        assert_ne!(
            Sym::from("FRA").shared().as_str().as_ptr(),
            Sym::from("FRA").shared().as_str().as_ptr()
        );
    }

    /// Each thread's state sees its items alone, and every item is seen once.
    #[test]
    fn each_thread_keeps_a_state_of_its_own() {
        let items: Vec<usize> = (0..1000).collect();
        let (doubled, states) = par_map_sharing_with(
            &items,
            Vec::new,
            |seen: &mut Vec<usize>, &x| {
                seen.push(x);
                2 * x
            },
            &|_| {},
        );
        assert_eq!(doubled, items.iter().map(|x| 2 * x).collect::<Vec<_>>());
        assert!((1..=cores()).contains(&states.len()));
        let mut all: Vec<usize> = states.into_iter().flatten().collect();
        all.sort_unstable();
        assert_eq!(all, items);
    }

    #[test]
    fn runs_cover_every_item_once_in_any_number_of_shares() {
        for n in [0, 1, 5, 64] {
            for shares in [0, 1, 2, 3, 7, 100] {
                let mut v = vec![0u32; n];
                on_runs_mut(&mut v, shares, |run| run.iter_mut().for_each(|x| *x += 1));
                assert!(v.iter().all(|&x| x == 1), "{n} items in {shares} shares");
            }
        }
    }

    #[test]
    fn a_large_sort_is_shared_between_two_cores_and_stays_stable() {
        // Many ties, so that stability shows; large enough for the two-core path.
        let items: Vec<(u64, usize)> = (0..PAR_SORT_MIN * 3)
            .map(|i| ((i as u64).wrapping_mul(2_654_435_761) % 97, i))
            .collect();
        let mut expected = items.clone();
        expected.sort_by_key(|x| x.0);
        let mut got = items;
        sort_by(&mut got, |a, b| a.0.cmp(&b.0));
        assert_eq!(got, expected);
    }
}
