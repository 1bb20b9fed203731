//! State a serialisation reads or writes on the side (the sentence file being assembled or
//! read, the table of shared strings), kept in a thread-local for the length of one call.

use std::cell::RefCell;

/// Runs `f` with `value` in the thread-local `key`, and takes it back out afterwards (also
/// when `f` panics, so that a later call on this thread does not find it).
pub(crate) fn scoped<T: 'static, R>(
    key: &'static std::thread::LocalKey<RefCell<Option<T>>>,
    value: T,
    f: impl FnOnce() -> R,
) -> (R, Option<T>) {
    struct Reset<T: 'static>(&'static std::thread::LocalKey<RefCell<Option<T>>>);
    impl<T: 'static> Drop for Reset<T> {
        fn drop(&mut self) {
            self.0.with(|s| {
                if let Ok(mut s) = s.try_borrow_mut() {
                    *s = None;
                }
            });
        }
    }
    key.with(|s| *s.borrow_mut() = Some(value));
    let reset = Reset(key);
    let r = f();
    let value = key.with(|s| s.borrow_mut().take());
    drop(reset);
    (r, value)
}
